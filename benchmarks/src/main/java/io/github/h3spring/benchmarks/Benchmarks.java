package io.github.h3spring.benchmarks;

import java.util.Arrays;

import io.github.h3spring.benchmarks.driver.LoadDriver;
import io.github.h3spring.benchmarks.raw.RawWebFluxServer;
import io.github.h3spring.benchmarks.report.ProfileSummary;
import io.github.h3spring.benchmarks.report.Report;
import io.github.h3spring.benchmarks.starter.StarterServer;

/**
 * Entry point of the benchmarks jar: {@code starter} and {@code raw} start a server,
 * {@code driver} runs workloads against one, {@code report} turns results into the ratio
 * table and {@code profile} summarizes a JFR recording. {@code benchmarks/run.sh} drives them.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: benchmarks.jar starter|raw|driver|report|profile [options]");
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "starter" -> StarterServer.main(rest);
			case "raw" -> RawWebFluxServer.main(rest);
			case "driver" -> LoadDriver.main(rest);
			case "report" -> Report.main(rest);
			case "profile" -> ProfileSummary.main(rest);
			default -> {
				System.err.println("unknown command: " + args[0]);
				System.exit(2);
			}
		}
	}

}
