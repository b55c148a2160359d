package io.github.h3spring.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.h3spring.benchmarks.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Report} reading a results file: a line without a driver, as written
 * before there were two, reads as the Java driver's.
 */
class ReportTests {

	@TempDir
	Path directory;

	@Test
	void aResultWithoutADriverIsTheNettyDriversAndTheNodeDriverIsNamed() throws Exception {
		Path file = this.directory.resolve("results.jsonl");
		Files.writeString(file,
				"""
						{"server":"starter","workload":"echo-c1","repetition":1,"rate":10.0,"perCpuSecond":20.0,"p50Micros":1.0,"p99Micros":2.0,"rssPerConnection":null,"heapPerConnection":null,"errors":0}

						{"server":"starter","workload":"echo-c1","repetition":1,"rate":11.0,"perCpuSecond":21.0,"p50Micros":1.0,"p99Micros":2.0,"rssPerConnection":null,"heapPerConnection":null,"errors":0,"driver":"node"}
						""");
		List<Result> results = Report.read(file);
		assertThat(results).extracting(Result::driver).containsExactly("netty", "node");
		assertThat(results.get(1).rate()).isEqualTo(11.0);
	}

}
