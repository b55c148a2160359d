package io.github.h3spring.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The targets of the performance issue, each a bound on the median ratio of two servers,
 * to hold with every load driver that measured it.
 */
final class Targets {

	private static final List<Target> ALL = List.of(
			new Target("echo-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.RAW, true, 1.0),
			new Target("echo-", Metric.P99, RatioTable.STARTER, RatioTable.RAW, false, 1.1),
			new Target("echo-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.CROSSWS, true, 1.5),
			new Target("cold-echo-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.RAW, true, 0.9),
			new Target("echo-c100", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.RAW_NETTY, true, 0.8),
			new Target("fanout-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.RAW, true, 1.0),
			new Target("fanout-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.CROSSWS, true, 4.0),
			new Target("fanout-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.RAW_NETTY, true, 1.0),
			new Target("sse-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.RAW, true, 1.0),
			new Target("sse-", Metric.PER_CPU_SECOND, RatioTable.STARTER, RatioTable.CROSSWS, true, 1.7),
			new Target("idle-", Metric.RSS_PER_CONNECTION, RatioTable.STARTER, RatioTable.RAW, false, 1.0),
			new Target("idle-", Metric.NMT_PER_CONNECTION, RatioTable.STARTER, RatioTable.RAW, false, 1.0),
			new Target("idle-", Metric.RSS_PER_CONNECTION, RatioTable.STARTER, RatioTable.CROSSWS, false, 1.0));

	private Targets() {
	}

	/**
	 * The targets for one figure, each marked met (✓) when it holds with every driver
	 * that measured it, missed (✗, followed by the drivers that missed it when there are
	 * several) or not measured.
	 */
	static String describe(RatioTable table, String workload, Metric metric) {
		return ALL.stream()
			.filter((target) -> workload.startsWith(target.workloadPrefix()) && target.metric() == metric)
			.map((target) -> target.describe(table, workload))
			.collect(Collectors.joining(", "));
	}

	/**
	 * One target.
	 *
	 * @param workloadPrefix the workloads it applies to
	 * @param metric the figure compared
	 * @param server the server held to the target
	 * @param reference the server it is compared with
	 * @param atLeast whether the ratio must be at least the bound (else at most)
	 * @param bound the bound on the median ratio
	 */
	record Target(String workloadPrefix, Metric metric, String server, String reference, boolean atLeast,
			double bound) {

		String describe(RatioTable table, String workload) {
			String text = String.format(Locale.ROOT, "÷%s %s %.1f", this.reference, this.atLeast ? "≥" : "≤",
					this.bound);
			List<String> measured = new ArrayList<>();
			List<String> missed = new ArrayList<>();
			for (String driver : table.drivers()) {
				double[] ratios = table.ratios(driver, workload, this.metric, this.server, this.reference);
				if (ratios.length > 0) {
					measured.add(driver);
					if (!isMet(Stats.of(ratios).median())) {
						missed.add(driver);
					}
				}
			}
			if (measured.isEmpty()) {
				return text;
			}
			if (missed.isEmpty()) {
				return text + " ✓";
			}
			return text + " ✗" + ((table.drivers().size() > 1) ? " (" + String.join(", ", missed) + ")" : "");
		}

		private boolean isMet(double median) {
			return this.atLeast ? median >= this.bound : median <= this.bound;
		}

	}

}
