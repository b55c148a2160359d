package io.github.h3spring.benchmarks.report;

import java.util.List;

import io.github.h3spring.benchmarks.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RatioTable}: ratios are taken within a repetition, summarized by their
 * median and range, and checked against the targets.
 */
class RatioTableTests {

	private final List<Result> results = List.of(
			Result.throughput("raw", "echo-c100", 1, 1000, 2000, 0).withLatency(100, 1000),
			Result.throughput("starter", "echo-c100", 1, 1100, 2400, 0).withLatency(90, 1200),
			Result.throughput("raw", "echo-c100", 2, 500, 1000, 0).withLatency(100, 1000),
			Result.throughput("starter", "echo-c100", 2, 600, 1100, 1).withLatency(90, 1000),
			Result.throughput("raw", "echo-c100", 3, 800, 1600, 0).withLatency(100, 1000),
			Result.throughput("starter", "echo-c100", 3, 800, 1600, 0).withLatency(90, 1000),
			Result.memory("raw", "idle-10000", 1, 12000, 8000, 0),
			Result.memory("starter", "idle-10000", 1, 9000, 7000, 0),
			Result.memory("crossws", "idle-10000", 1, 8000, 1000, 0));

	private final RatioTable table = new RatioTable(this.results);

	@Test
	void ratiosArePairedByRepetition() {
		assertThat(this.table.ratios("echo-c100", Metric.PER_CPU_SECOND, "starter", "raw")).containsExactly(1.2, 1.1,
				1.0);
	}

	@Test
	void theTableShowsMedianRangeAndWhetherEachTargetIsMet() {
		String text = this.table.text();
		assertThat(text).contains("1.10× [1.00–1.20]").contains("÷raw ≥ 1.0 ✓");
		assertThat(text).containsPattern("p99 µs .*1.00× \\[1.00–1.20\\].*÷raw ≤ 1.1 ✓");
		assertThat(text).containsPattern("RSS B/conn .*0.75×.*÷raw ≤ 1.0 ✓, ÷crossws ≤ 1.0 ✗");
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

}
