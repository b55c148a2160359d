package io.github.h3spring.benchmarks.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.benchmarks.Benchmarks;
import io.github.h3spring.interop.NodeScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every workload of the Node.js load driver ({@code benchmarks/node/driver.mjs}, on
 * the {@code ws} package), scaled down as {@link LoadDriverTests} does for the Java one,
 * against the starter on each web stack over real sockets. It needs Node.js and the
 * driver's packages ({@code npm ci --prefix benchmarks/node}): without them it is skipped
 * with the reason, or fails when {@code H3_REQUIRE_SERVICES=true} (as in CI).
 */
class NodeLoadDriverTests {

	private static final Path NODE = Path.of("node");

	private static final long TIME_LIMIT_SECONDS = 90;

	@TempDir
	Path results;

	// per test, so that a skip shows on each test with its reason
	@BeforeEach
	void requireNodeAndTheDriversPackages() {
		NodeScript.requireInstalled(NODE, List.of("ws"), Boolean.parseBoolean(System.getenv("H3_REQUIRE_SERVICES")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "starter", "starter-mvc" })
	void everyWorkloadRunsWithoutErrorsAgainst(String server) throws Exception {
		try (ConfigurableApplicationContext context = Benchmarks.serve(server, "--server.port=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Path out = this.results.resolve(server + ".jsonl");
			Path log = this.results.resolve(server + ".log");
			List<String> command = new ArrayList<>(List.of("node", "driver.mjs", "--server", server, "--port",
					Integer.toString(port), "--pid", Long.toString(ProcessHandle.current().pid()), "--out",
					out.toAbsolutePath().toString(), "--time-limit", Long.toString(TIME_LIMIT_SECONDS)));
			command.addAll(ScaledDownRun.OPTIONS);
			Process driver = new ProcessBuilder(command).directory(NODE.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			// the driver ends itself at its time limit; this bound only guards against a
			// hang
			if (!driver.waitFor(TIME_LIMIT_SECONDS + 30, TimeUnit.SECONDS)) {
				driver.destroyForcibly();
			}
			assertThat(driver.isAlive()).as("the driver is still running").isFalse();
			assertThat(driver.exitValue()).as("the driver's exit status; its output:%n%s", Files.readString(log))
				.isZero();
			ScaledDownRun.assertEveryWorkloadMeasured(out, server, "node");
		}
	}

}
