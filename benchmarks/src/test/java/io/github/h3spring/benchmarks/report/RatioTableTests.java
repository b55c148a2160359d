package io.github.h3spring.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

import io.github.h3spring.benchmarks.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RatioTable}: ratios are taken within a repetition, summarized by their
 * median and range, and checked against the targets; raw Netty and the Spring MVC
 * servers get their columns only in a run that measured them, and the drivers a column
 * only in a run that both measured.
 */
class RatioTableTests {

	private final List<Result> results = List.of(
			Result.throughput("raw", "echo-c100", 1, 1000, 2000, 0).withLatency(100, 1000),
			Result.throughput("starter", "echo-c100", 1, 1100, 2400, 0).withLatency(90, 1200),
			Result.throughput("raw", "echo-c100", 2, 500, 1000, 0).withLatency(100, 1000),
			Result.throughput("starter", "echo-c100", 2, 600, 1100, 1).withLatency(90, 1000),
			Result.throughput("raw", "echo-c100", 3, 800, 1600, 0).withLatency(100, 1000),
			Result.throughput("starter", "echo-c100", 3, 800, 1600, 0).withLatency(90, 1000),
			Result.memory("raw", "idle-10000", 1, 12000, 8000, null, 0),
			Result.memory("starter", "idle-10000", 1, 9000, 7000, null, 0),
			Result.memory("crossws", "idle-10000", 1, 8000, 1000, null, 0));

	private final RatioTable table = new RatioTable(this.results);

	@Test
	void ratiosArePairedByRepetition() {
		assertThat(this.table.ratios("netty", "echo-c100", Metric.PER_CPU_SECOND, "starter", "raw"))
			.containsExactly(1.2, 1.1, 1.0);
	}

	@Test
	void theTableShowsMedianRangeAndWhetherEachTargetIsMet() {
		String text = this.table.text();
		assertThat(text).contains("1.10× [1.00–1.20]").contains("÷raw ≥ 1.0 ✓");
		assertThat(text).containsPattern("p99 µs .*1.00× \\[1.00–1.20\\].*÷raw ≤ 1.1 ✓");
		assertThat(text).containsPattern("RSS B/conn .*0.75×.*÷raw ≤ 1.0 ✓, ÷crossws ≤ 1.0 ✗");
	}

	@Test
	void aColdStartIsHeldToItsOwnTargetNotToTheWarmEchos() {
		List<Result> results = List.of(Result.throughput("raw", "cold-echo-c100", 1, 1000, 1000, 0),
				Result.throughput("starter", "cold-echo-c100", 1, 850, 850, 0));
		String text = new RatioTable(results).text();
		assertThat(text).containsPattern("cold-echo-c100\\s+/CPU-s .*0.85×.*÷raw ≥ 0.9 ✗");
		assertThat(text).doesNotContain("÷raw ≥ 1.0");
	}

	@Test
	void nativeMemoryIsShownForTheJvmServersThatMeasuredIt() {
		List<Result> results = List.of(Result.memory("raw", "idle-10000", 1, 12000, 8000, 11000.0, 0),
				Result.memory("starter", "idle-10000", 1, 9000, 7000, 9900.0, 0),
				Result.memory("crossws", "idle-10000", 1, 8000, 1000, null, 0));
		String markdown = new RatioTable(results).markdown();
		assertThat(markdown)
			.contains("| idle-10000 | NMT+heap B/conn | 11,000 | 9,900 | – | 0.90× | – | – | ÷raw ≤ 1.0 ✓ |");
	}

	@Test
	void errorsAreSummedOverRepetitions() {
		assertThat(this.table.text()).containsPattern("echo-c100\\s+errors\\s+0\\s+1\\s+–");
	}

	@Test
	void theMarkdownTableHasOneRowPerFigure() {
		String markdown = this.table.markdown();
		assertThat(markdown.lines().filter((line) -> line.startsWith("| echo-c100"))).hasSize(5);
		assertThat(markdown.lines().filter((line) -> line.startsWith("| idle-10000"))).hasSize(3);
	}

	@Test
	void withoutMvcServersTheTableKeepsItsColumns() {
		assertThat(this.table.markdown().lines().findFirst()).hasValue(
				"| workload | figure | raw WebFlux | starter | crossws/h3 | starter÷raw | crossws÷raw | starter÷crossws | target |");
	}

	@Test
	void mvcServersGetTheirColumnsAndTheRatioOfTheStarterOnMvcToRawMvc() {
		List<Result> results = new ArrayList<>(this.results);
		results.add(Result.throughput("raw-mvc", "echo-c100", 1, 400, 1000, 0));
		results.add(Result.throughput("starter-mvc", "echo-c100", 1, 500, 1500, 2));
		results.add(Result.throughput("raw-mvc", "echo-c100", 2, 400, 1000, 0));
		results.add(Result.throughput("starter-mvc", "echo-c100", 2, 500, 1300, 0));
		RatioTable table = new RatioTable(results);
		String markdown = table.markdown();
		assertThat(markdown.lines().findFirst()).hasValue("| workload | figure | raw WebFlux | starter | crossws/h3 "
				+ "| raw MVC | starter MVC | starter÷raw | crossws÷raw | starter÷crossws | starter-mvc÷raw-mvc | target |");
		assertThat(table.ratios("netty", "echo-c100", Metric.PER_CPU_SECOND, "starter-mvc", "raw-mvc"))
			.containsExactly(1.5, 1.3);
		assertThat(markdown).contains("| 1,000 ±0% | 1,400 ±7% | 1.10× [1.00–1.20] | – | – | 1.40× [1.30–1.50] |");
		assertThat(markdown).contains("| echo-c100 | errors | 0 | 1 | – | 0 | 2 |");
		assertThat(markdown).contains("| idle-10000 | errors | 0 | 0 | 0 | – | – |");
	}

	@Test
	void aRunOfOneDriverHasNoDriverColumn() {
		assertThat(this.table.drivers()).containsExactly("netty");
		assertThat(this.table.markdown()).doesNotContain("driver");
	}

	@Test
	void withBothDriversEveryFigureAndRatioIsShownPerDriver() {
		RatioTable table = new RatioTable(withNode(1.0));
		String markdown = table.markdown();
		assertThat(markdown.lines().findFirst()).hasValue("| workload | figure | driver | raw WebFlux | starter "
				+ "| crossws/h3 | starter÷raw | crossws÷raw | starter÷crossws | target |");
		assertThat(table.ratios("node", "echo-c100", Metric.PER_CPU_SECOND, "starter", "raw")).containsExactly(1.0,
				1.0);
		assertThat(markdown).contains("| echo-c100 | /CPU-s | netty | 1,600 ±31% | 1,600 ±41% | – | 1.10× [1.00–1.20]");
		assertThat(markdown).contains("| echo-c100 | /CPU-s | node | 1,500 ±33% | 1,500 ±33% | – | 1.00× [1.00–1.00]");
		assertThat(markdown).contains("| echo-c100 | errors | netty | 0 | 1 | – |")
			.contains("| echo-c100 | errors | node | 0 | 0 | – |");
		assertThat(markdown.lines().filter((line) -> line.startsWith("| echo-c100"))).hasSize(10);
	}

	@Test
	void aTargetIsMetOnlyWhenItHoldsWithBothDrivers() {
		assertThat(new RatioTable(withNode(1.0)).markdown()).containsPattern(
				"\\| echo-c100 \\| /CPU-s \\| netty \\|.*\\| ÷raw ≥ 1.0 ✓, ÷crossws ≥ 1.5, ÷raw-netty ≥ 0.8 \\|");
		String missedWithNode = new RatioTable(withNode(0.9)).markdown();
		assertThat(missedWithNode).containsPattern(
				"\\| echo-c100 \\| /CPU-s \\| netty \\|.*\\| ÷raw ≥ 1.0 ✗ \\(node\\), ÷crossws ≥ 1.5, ÷raw-netty ≥ 0.8 \\|");
		assertThat(missedWithNode)
			.containsPattern("\\| echo-c100 \\| /CPU-s \\| node \\|.*\\| 0.90× \\[0.90–0.90\\] \\|.*\\|  \\|");
	}

	/**
	 * The results with the Node driver's measurements of echo added: two repetitions
	 * whose starter÷raw ratio per CPU-second is {@code starterToRaw}.
	 */
	private List<Result> withNode(double starterToRaw) {
		List<Result> results = new ArrayList<>(this.results);
		results.add(Result.throughput("raw", "echo-c100", 1, 1000, 1000, 0).withLatency(100, 1000).withDriver("node"));
		results.add(Result.throughput("starter", "echo-c100", 1, 1000, 1000 * starterToRaw, 0)
			.withLatency(100, 1000)
			.withDriver("node"));
		results.add(Result.throughput("raw", "echo-c100", 2, 2000, 2000, 0).withLatency(100, 1000).withDriver("node"));
		results.add(Result.throughput("starter", "echo-c100", 2, 2000, 2000 * starterToRaw, 0)
			.withLatency(100, 1000)
			.withDriver("node"));
		return results;
	}

	@Test
	void rawNettyGetsItsColumnAndTheRatioOfTheStarterToRawNettyWithItsTargets() {
		List<Result> results = new ArrayList<>(this.results);
		results.add(Result.throughput("raw-netty", "echo-c100", 1, 1500, 3000, 0).withLatency(80, 900));
		results.add(Result.throughput("raw-netty", "echo-c100", 2, 700, 1000, 3).withLatency(80, 900));
		results.add(Result.throughput("raw", "fanout-1000", 1, 50000, 100000, 0));
		results.add(Result.throughput("starter", "fanout-1000", 1, 60000, 90000, 0));
		results.add(Result.throughput("raw-netty", "fanout-1000", 1, 55000, 100000, 0));
		RatioTable table = new RatioTable(results);
		String markdown = table.markdown();
		assertThat(markdown.lines().findFirst()).hasValue("| workload | figure | raw WebFlux | starter | crossws/h3 "
				+ "| raw Netty | starter÷raw | crossws÷raw | starter÷crossws | starter÷raw-netty | target |");
		assertThat(table.ratios(Result.NETTY, "echo-c100", Metric.PER_CPU_SECOND, "starter", "raw-netty"))
			.containsExactly(0.8, 1.1);
		assertThat(markdown)
			.contains("| echo-c100 | /CPU-s | 1,600 ±31% | 1,600 ±41% | – | 2,000 ±50% | 1.10× [1.00–1.20] "
					+ "| – | – | 0.95× [0.80–1.10] | ÷raw ≥ 1.0 ✓, ÷crossws ≥ 1.5, ÷raw-netty ≥ 0.8 ✓ |");
		assertThat(markdown).contains("| fanout-1000 | /CPU-s | 100,000 | 90,000 | – | 100,000 | 0.90× | – | – | 0.90× "
				+ "| ÷raw ≥ 1.0 ✗, ÷crossws ≥ 4.0, ÷raw-netty ≥ 1.0 ✗ |");
		assertThat(markdown).contains("| echo-c100 | errors | 0 | 1 | – | 3 |");
		assertThat(markdown).contains("| idle-10000 | errors | 0 | 0 | 0 | – |");
	}

	@Test
	void theRawNettyTargetForEchoHoldsAtOneHundredConnectionsOnly() {
		List<Result> results = List.of(Result.throughput("raw-netty", "echo-c1", 1, 10, 10, 0),
				Result.throughput("starter", "echo-c1", 1, 5, 5, 0));
		assertThat(new RatioTable(results).markdown()).doesNotContain("÷raw-netty ≥ 0.8");
	}

}
