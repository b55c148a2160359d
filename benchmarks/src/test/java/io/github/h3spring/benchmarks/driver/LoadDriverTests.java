package io.github.h3spring.benchmarks.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.h3spring.benchmarks.Benchmarks;
import io.github.h3spring.benchmarks.Result;
import io.github.h3spring.benchmarks.raw.RawNettyServer;
import io.github.h3spring.test.NettyLeakGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every workload of the load driver, scaled down to a few connections and a fraction
 * of a second, against each Java benchmark server over real sockets: the servers answer
 * alike and the driver measures without losing a message. Each runs on the server its
 * command names, although the class path holds both WebFlux and Spring MVC; raw Netty
 * runs without Spring. No server leaks a buffer.
 */
@ExtendWith(NettyLeakGuard.class)
class LoadDriverTests {

	@TempDir
	Path results;

	@ParameterizedTest
	@CsvSource({ "starter, NettyWebServer", "raw, NettyWebServer", "raw-mvc, TomcatWebServer",
			"starter-mvc, TomcatWebServer" })
	void everyWorkloadRunsWithoutErrorsAgainst(String server, String webServerType) throws Exception {
		try (ConfigurableApplicationContext context = Benchmarks.serve(server, "--server.port=0")) {
			WebServer webServer = ((WebServerApplicationContext) context).getWebServer();
			assertThat(webServer.getClass().getSimpleName()).isEqualTo(webServerType);
			runEveryWorkload(server, webServer.getPort());
		}
	}

	@Test
	void everyWorkloadRunsWithoutErrorsAgainstRawNetty() throws Exception {
		try (RawNettyServer server = RawNettyServer.start(0)) {
			// the transport Reactor Netty picks for the starter
			assertThat(server.transport()).isEqualTo(LoopResources.hasNativeSupport() ? "epoll" : "nio");
			runEveryWorkload("raw-netty", server.port());
		}
	}

	private void runEveryWorkload(String server, int port) throws Exception {
		Path out = this.results.resolve(server + ".jsonl");
		int status = LoadDriver.run(new String[] { "--server", server, "--port", Integer.toString(port), "--pid",
				Long.toString(ProcessHandle.current().pid()), "--warmup", "0.2", "--duration", "0.3", "--workloads",
				"echo-c1,echo-c4,fanout-20,sse-20,storm-20,idle-20", "--out", out.toString() });
		assertThat(status).isZero();
		List<Result> measured = read(out);
		assertThat(measured).extracting(Result::workload)
			.containsExactly("echo-c1", "echo-c4", "fanout-20", "sse-20", "storm", "idle-20");
		assertThat(measured).allSatisfy((result) -> {
			assertThat(result.server()).isEqualTo(server);
			assertThat(result.errors()).isZero();
		});
		assertThat(measured.subList(0, 5)).allSatisfy((result) -> {
			assertThat(result.rate()).isPositive();
			assertThat(result.perCpuSecond()).isPositive();
			assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
		});
		assertThat(measured.get(5).rssPerConnection()).isNotNull();
		assertThat(measured.get(5).heapPerConnection()).isNotNull();
	}

	private static List<Result> read(Path file) throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		return Files.readAllLines(file).stream().map((line) -> json.readValue(line, Result.class)).toList();
	}

}
