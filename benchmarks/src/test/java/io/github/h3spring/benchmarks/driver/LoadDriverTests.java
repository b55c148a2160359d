package io.github.h3spring.benchmarks.driver;

import java.nio.file.Path;
import java.util.ArrayList;
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

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every workload of the Java load driver, scaled down to a few connections and a
 * fraction of a second, against each Java benchmark server over real sockets: the servers
 * answer alike and the driver measures without losing a message. Each runs on the server
 * its command names, although the class path holds both WebFlux and Spring MVC; raw Netty
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
		List<String> arguments = new ArrayList<>(List.of("--server", server, "--port", Integer.toString(port), "--pid",
				Long.toString(ProcessHandle.current().pid()), "--out", out.toString()));
		arguments.addAll(ScaledDownRun.OPTIONS);
		assertThat(LoadDriver.run(arguments.toArray(String[]::new))).isZero();
		ScaledDownRun.assertEveryWorkloadMeasured(out, server, Result.NETTY);
	}

}
