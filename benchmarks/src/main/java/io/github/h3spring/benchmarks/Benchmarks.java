package io.github.h3spring.benchmarks;

import java.util.Arrays;

import io.github.h3spring.benchmarks.driver.LoadDriver;
import io.github.h3spring.benchmarks.raw.RawNettyServer;
import io.github.h3spring.benchmarks.raw.RawWebFluxServer;
import io.github.h3spring.benchmarks.raw.RawWebMvcServer;
import io.github.h3spring.benchmarks.report.AllocationSummary;
import io.github.h3spring.benchmarks.report.ProfileSummary;
import io.github.h3spring.benchmarks.report.Report;
import io.github.h3spring.benchmarks.starter.StarterServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of the benchmarks jar: {@code starter}, {@code raw}, {@code starter-mvc},
 * {@code raw-mvc} and {@code raw-netty} start a server, {@code driver} runs workloads
 * against one, {@code report} turns results into the ratio table, {@code profile}
 * summarizes the CPU samples of a JFR recording and {@code allocation} its allocation
 * samples. {@code benchmarks/run.sh} drives them.
 * <p>
 * Each server command names its web stack: the jar holds both WebFlux and Spring MVC, and
 * Spring Boot alone would pick MVC for all of them. {@code raw-netty} is plain Netty,
 * without Spring.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println(
					"usage: benchmarks.jar starter|raw|starter-mvc|raw-mvc|raw-netty|driver|report|profile|allocation [options]");
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "starter", "raw", "starter-mvc", "raw-mvc" -> serve(args[0], rest);
			case "raw-netty" -> RawNettyServer.main(rest);
			case "driver" -> LoadDriver.main(rest);
			case "report" -> Report.main(rest);
			case "profile" -> ProfileSummary.main(rest);
			case "allocation" -> AllocationSummary.main(rest);
			default -> {
				System.err.println("unknown command: " + args[0]);
				System.exit(2);
			}
		}
	}

	/** Starts the server that a command names, on the web stack it names. */
	public static ConfigurableApplicationContext serve(String command, String... args) {
		return switch (command) {
			case "starter" -> run(StarterServer.class, WebApplicationType.REACTIVE, args);
			case "raw" -> run(RawWebFluxServer.class, WebApplicationType.REACTIVE, args);
			case "starter-mvc" -> run(StarterServer.class, WebApplicationType.SERVLET, args);
			case "raw-mvc" -> run(RawWebMvcServer.class, WebApplicationType.SERVLET, args);
			default -> throw new IllegalArgumentException("Unknown server: " + command);
		};
	}

	private static ConfigurableApplicationContext run(Class<?> server, WebApplicationType stack, String[] args) {
		return new SpringApplicationBuilder(server).web(stack).run(args);
	}

}
