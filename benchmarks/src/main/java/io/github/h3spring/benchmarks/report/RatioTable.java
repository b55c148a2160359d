package io.github.h3spring.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.h3spring.benchmarks.Result;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a run by workload and server, each with its ratio to raw WebFlux measured
 * in the same repetition, and the target where it sets one.
 */
final class RatioTable {

	static final String RAW = "raw";

	static final String STARTER = "starter";

	static final String CROSSWS = "crossws";

	private static final String[] HEADER = { "workload", "figure", "raw WebFlux", "starter", "crossws/h3",
			"starter÷raw", "crossws÷raw", "starter÷crossws", "target" };

	private final List<Result> results;

	private final List<String[]> rows = new ArrayList<>();

	RatioTable(List<Result> results) {
		this.results = results;
		for (String workload : Report.workloads(results)) {
			for (Metric metric : Metric.values()) {
				if (results.stream().anyMatch((result) -> workload.equals(result.workload()) && metric.of(result) != null)) {
					this.rows.add(row(workload, metric));
				}
			}
			this.rows.add(errorsRow(workload));
		}
	}

	int repetitions() {
		return (int) this.results.stream().map(Result::repetition).distinct().count();
	}

	private String[] row(String workload, Metric metric) {
		String target = Targets.describe(this, workload, metric);
		return new String[] { workload, metric.unit(), figure(values(RAW, workload, metric)),
				figure(values(STARTER, workload, metric)), figure(values(CROSSWS, workload, metric)),
				ratio(workload, metric, STARTER, RAW), ratio(workload, metric, CROSSWS, RAW),
				ratio(workload, metric, STARTER, CROSSWS), target };
	}

	private String[] errorsRow(String workload) {
		String[] row = new String[HEADER.length];
		Arrays.fill(row, "");
		row[0] = workload;
		row[1] = "errors";
		String[] servers = { RAW, STARTER, CROSSWS };
		for (int i = 0; i < servers.length; i++) {
			String server = servers[i];
			List<Result> matching = matching(server, workload);
			row[2 + i] = matching.isEmpty() ? "–"
					: Long.toString(matching.stream().mapToLong(Result::errors).sum());
		}
		return row;
	}

	private List<Result> matching(String server, String workload) {
		return this.results.stream()
			.filter((result) -> server.equals(result.server()) && workload.equals(result.workload()))
			.toList();
	}

	private double[] values(String server, String workload, Metric metric) {
		return matching(server, workload).stream()
			.map(metric::of)
			.filter(Objects::nonNull)
			.mapToDouble(Double::doubleValue)
			.toArray();
	}

	/** The ratio of two servers' figures within each repetition that measured both. */
	double[] ratios(String workload, Metric metric, String server, String reference) {
		Set<Integer> repetitions = new TreeSet<>();
		matching(server, workload).forEach((result) -> repetitions.add(result.repetition()));
		List<Double> ratios = new ArrayList<>();
		for (int repetition : repetitions) {
			Double value = valueIn(server, workload, metric, repetition);
			Double base = valueIn(reference, workload, metric, repetition);
			if (value != null && base != null && base != 0) {
				ratios.add(value / base);
			}
		}
		return ratios.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private @Nullable Double valueIn(String server, String workload, Metric metric, int repetition) {
		return matching(server, workload).stream()
			.filter((result) -> result.repetition() == repetition)
			.map(metric::of)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private String ratio(String workload, Metric metric, String server, String reference) {
		double[] ratios = ratios(workload, metric, server, reference);
		if (ratios.length == 0) {
			return "–";
		}
		Stats stats = Stats.of(ratios);
		String text = String.format(Locale.ROOT, "%.2f×", stats.median());
		return (ratios.length > 1)
				? text + String.format(Locale.ROOT, " [%.2f–%.2f]", stats.min(), stats.max()) : text;
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
		int[] widths = new int[HEADER.length];
		List<String[]> all = new ArrayList<>();
		all.add(HEADER);
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
		markdown.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
		markdown.append(Arrays.stream(HEADER).map((cell) -> "---").collect(Collectors.joining("|", "|", "|")))
			.append('\n');
		for (String[] row : this.rows) {
			markdown.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		return markdown.toString();
	}

}
