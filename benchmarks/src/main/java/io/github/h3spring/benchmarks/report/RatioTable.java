package io.github.h3spring.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.h3spring.benchmarks.Result;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a run by workload and server, each with its ratio to raw WebFlux
 * measured in the same repetition, and the target where it sets one. Raw Netty
 * gets its column and the starter its ratio to raw Netty, and the Spring MVC servers
 * their columns and the starter on MVC its ratio to raw MVC, only in a run that measured
 * them, so a table without them keeps its shape. A run measured by both load drivers (the
 * Java one on Netty and the Node one on {@code ws}) gets a driver column and each figure
 * and ratio once per driver; a target is met only when it holds with every driver.
 */
final class RatioTable {

	static final String RAW = "raw";

	static final String STARTER = "starter";

	static final String CROSSWS = "crossws";

	static final String RAW_MVC = "raw-mvc";

	static final String STARTER_MVC = "starter-mvc";

	static final String RAW_NETTY = "raw-netty";

	private static final List<Server> SERVERS = List.of(new Server(RAW, "raw WebFlux"), new Server(STARTER, "starter"),
			new Server(CROSSWS, "crossws/h3"));

	private static final Server NETTY_SERVER = new Server(RAW_NETTY, "raw Netty");

	private static final Ratio NETTY_RATIO = new Ratio(STARTER, RAW_NETTY);

	private static final List<Server> MVC_SERVERS = List.of(new Server(RAW_MVC, "raw MVC"),
			new Server(STARTER_MVC, "starter MVC"));

	private static final List<Ratio> RATIOS = List.of(new Ratio(STARTER, RAW), new Ratio(CROSSWS, RAW),
			new Ratio(STARTER, CROSSWS));

	private static final List<Ratio> MVC_RATIOS = List.of(new Ratio(STARTER_MVC, RAW_MVC));

	private final List<Result> results;

	private final List<Server> servers = new ArrayList<>(SERVERS);

	private final List<Ratio> ratios = new ArrayList<>(RATIOS);

	private final List<String> drivers;

	private final String[] header;

	private final List<String[]> rows = new ArrayList<>();

	RatioTable(List<Result> results) {
		this.results = results;
		if (results.stream().anyMatch(NETTY_SERVER::is)) {
			this.servers.add(NETTY_SERVER);
			this.ratios.add(NETTY_RATIO);
		}
		if (results.stream().anyMatch((result) -> MVC_SERVERS.stream().anyMatch((server) -> server.is(result)))) {
			this.servers.addAll(MVC_SERVERS);
			this.ratios.addAll(MVC_RATIOS);
		}
		this.drivers = drivers(results);
		List<String> header = new ArrayList<>(List.of("workload", "figure"));
		if (perDriver()) {
			header.add("driver");
		}
		this.servers.forEach((server) -> header.add(server.heading()));
		this.ratios.forEach((ratio) -> header.add(ratio.heading()));
		header.add("target");
		this.header = header.toArray(String[]::new);
		for (String workload : Report.workloads(results)) {
			for (Metric metric : Metric.values()) {
				String target = Targets.describe(this, workload, metric);
				for (String driver : this.drivers) {
					if (results.stream()
						.anyMatch((result) -> driver.equals(result.driver()) && workload.equals(result.workload())
								&& metric.of(result) != null)) {
						// the verdict covers every driver, so it is given once per figure
						this.rows.add(row(driver, workload, metric, target));
						target = "";
					}
				}
			}
			for (String driver : this.drivers) {
				if (results.stream()
					.anyMatch((result) -> driver.equals(result.driver()) && workload.equals(result.workload()))) {
					this.rows.add(errorsRow(driver, workload));
				}
			}
		}
	}

	/** The drivers that measured, the Java one first. */
	private static List<String> drivers(List<Result> results) {
		Set<String> drivers = new LinkedHashSet<>();
		if (results.stream().anyMatch((result) -> Result.NETTY.equals(result.driver()))) {
			drivers.add(Result.NETTY);
		}
		results.forEach((result) -> drivers.add(result.driver()));
		return List.copyOf(drivers);
	}

	List<String> drivers() {
		return this.drivers;
	}

	private boolean perDriver() {
		return this.drivers.size() > 1;
	}

	int repetitions() {
		return (int) this.results.stream().map(Result::repetition).distinct().count();
	}

	private String[] row(String driver, String workload, Metric metric, String target) {
		List<String> row = new ArrayList<>(List.of(workload, metric.unit()));
		if (perDriver()) {
			row.add(driver);
		}
		this.servers.forEach((server) -> row.add(figure(values(driver, server.name(), workload, metric))));
		this.ratios.forEach((ratio) -> row.add(ratio(driver, workload, metric, ratio.server(), ratio.reference())));
		row.add(target);
		return row.toArray(String[]::new);
	}

	private String[] errorsRow(String driver, String workload) {
		List<String> row = new ArrayList<>(List.of(workload, "errors"));
		if (perDriver()) {
			row.add(driver);
		}
		for (Server server : this.servers) {
			List<Result> matching = matching(driver, server.name(), workload);
			row.add(matching.isEmpty() ? "–" : Long.toString(matching.stream().mapToLong(Result::errors).sum()));
		}
		while (row.size() < this.header.length) {
			row.add("");
		}
		return row.toArray(String[]::new);
	}

	private List<Result> matching(String driver, String server, String workload) {
		return this.results.stream()
			.filter((result) -> driver.equals(result.driver()) && server.equals(result.server())
					&& workload.equals(result.workload()))
			.toList();
	}

	private double[] values(String driver, String server, String workload, Metric metric) {
		return matching(driver, server, workload).stream()
			.map(metric::of)
			.filter(Objects::nonNull)
			.mapToDouble(Double::doubleValue)
			.toArray();
	}

	/**
	 * The ratio of two servers' figures, as one driver measured them, within each
	 * repetition that measured both.
	 */
	double[] ratios(String driver, String workload, Metric metric, String server, String reference) {
		Set<Integer> repetitions = new TreeSet<>();
		matching(driver, server, workload).forEach((result) -> repetitions.add(result.repetition()));
		List<Double> ratios = new ArrayList<>();
		for (int repetition : repetitions) {
			Double value = valueIn(driver, server, workload, metric, repetition);
			Double base = valueIn(driver, reference, workload, metric, repetition);
			if (value != null && base != null && base != 0) {
				ratios.add(value / base);
			}
		}
		return ratios.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private @Nullable Double valueIn(String driver, String server, String workload, Metric metric, int repetition) {
		return matching(driver, server, workload).stream()
			.filter((result) -> result.repetition() == repetition)
			.map(metric::of)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private String ratio(String driver, String workload, Metric metric, String server, String reference) {
		double[] ratios = ratios(driver, workload, metric, server, reference);
		if (ratios.length == 0) {
			return "–";
		}
		Stats stats = Stats.of(ratios);
		String text = String.format(Locale.ROOT, "%.2f×", stats.median());
		return (ratios.length > 1) ? text + String.format(Locale.ROOT, " [%.2f–%.2f]", stats.min(), stats.max()) : text;
	}

	private static String figure(double[] values) {
		if (values.length == 0) {
			return "–";
		}
		Stats stats = Stats.of(values);
		String median = number(stats.median());
		if (values.length == 1 || stats.median() == 0) {
			return median;
		}
		return median + String.format(Locale.ROOT, " ±%.0f%%", 100 * stats.halfSpread() / Math.abs(stats.median()));
	}

	private static String number(double value) {
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.1f", value);
	}

	String text() {
		int[] widths = new int[this.header.length];
		List<String[]> all = new ArrayList<>();
		all.add(this.header);
		all.addAll(this.rows);
		for (String[] row : all) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (String[] row : all) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(String.format("%-" + widths[i] + "s  ", row[i]));
			}
			text.append(line.toString().stripTrailing()).append('\n');
		}
		return text.toString();
	}

	String markdown() {
		StringBuilder markdown = new StringBuilder();
		markdown.append("| ").append(String.join(" | ", this.header)).append(" |\n");
		markdown.append(Arrays.stream(this.header).map((cell) -> "---").collect(Collectors.joining("|", "|", "|")))
			.append('\n');
		for (String[] row : this.rows) {
			markdown.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		return markdown.toString();
	}

	/**
	 * A server's column.
	 *
	 * @param name the server's name in the results
	 * @param heading the column's heading
	 */
	private record Server(String name, String heading) {

		boolean is(Result result) {
			return this.name.equals(result.server());
		}

	}

	/**
	 * A ratio's column: one server's figure over another's, within each repetition.
	 *
	 * @param server the server measured
	 * @param reference the server it is compared with
	 */
	private record Ratio(String server, String reference) {

		String heading() {
			return this.server + "÷" + this.reference;
		}

	}

}
