package io.github.h3spring.benchmarks.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.h3spring.benchmarks.Result;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the driver tests share: every workload scaled down to a few connections and a
 * fraction of a second, and what its results must show, whichever driver measured them.
 */
final class ScaledDownRun {

	/** The driver options after {@code --server}, {@code --port} and {@code --pid}. */
	static final List<String> OPTIONS = List.of("--warmup", "0.2", "--duration", "0.3", "--workloads",
			"cold-echo-c4,echo-c1,echo-c4,fanout-20,sse-20,storm-20,idle-20");

	private ScaledDownRun() {
	}

	/**
	 * Asserts that the results file holds one result per workload, each measured by the
	 * driver against the server without an error.
	 */
	static void assertEveryWorkloadMeasured(Path out, String server, String driver) throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		List<Result> measured = Files.readAllLines(out)
			.stream()
			.map((line) -> json.readValue(line, Result.class))
			.toList();
		assertThat(measured).extracting(Result::workload)
			.containsExactly("cold-echo-c4", "echo-c1", "echo-c4", "fanout-20", "sse-20", "storm", "idle-20");
		assertThat(measured).allSatisfy((result) -> {
			assertThat(result.server()).isEqualTo(server);
			assertThat(result.driver()).isEqualTo(driver);
			assertThat(result.errors()).isZero();
		});
		assertThat(measured.subList(0, 6)).allSatisfy((result) -> {
			assertThat(result.rate()).isPositive();
			assertThat(result.perCpuSecond()).isPositive();
			assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
		});
		assertThat(measured.get(6).rssPerConnection()).isNotNull();
		assertThat(measured.get(6).heapPerConnection()).isNotNull();
	}

}
