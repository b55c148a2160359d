package io.github.h3spring.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * One measurement of one workload against one server: a line of the results file.
 *
 * @param server the server measured ({@code raw}, {@code starter}, {@code crossws})
 * @param workload the workload, such as {@code echo-c100}
 * @param repetition which repetition of the run
 * @param rate operations per second of wall time: messages, deliveries or connections
 * @param perCpuSecond operations per second of server CPU time
 * @param p50Micros median latency in microseconds, where the workload has one
 * @param p99Micros 99th percentile latency in microseconds, where the workload has one
 * @param rssPerConnection resident memory per idle connection in bytes (idle workload)
 * @param heapPerConnection live heap per idle connection in bytes (idle workload)
 * @param nmtPerConnection per idle connection, the native memory a JVM server committed
 * outside its heap (Native Memory Tracking) plus its live heap, in bytes (idle workload;
 * {@code null} for a server that is not a JVM)
 * @param errors connections that failed or dropped, messages lost
 * @param driver the load driver that measured it: {@value #NETTY} (the Java driver, also
 * for result files written before there were two) or {@code node}
 * ({@code benchmarks/node/driver.mjs})
 */
public record Result(String server, String workload, int repetition, @Nullable Double rate,
		@Nullable Double perCpuSecond, @Nullable Double p50Micros, @Nullable Double p99Micros,
		@Nullable Double rssPerConnection, @Nullable Double heapPerConnection, @Nullable Double nmtPerConnection,
		long errors, String driver) {

	/** The Java load driver, on Netty. */
	public static final String NETTY = "netty";

	public Result {
		// a line without the field comes from the Java driver, the only one there was
		if (driver == null) {
			driver = NETTY;
		}
	}

	public static Result throughput(String server, String workload, int repetition, double rate, double perCpuSecond,
			long errors) {
		return new Result(server, workload, repetition, rate, perCpuSecond, null, null, null, null, null, errors,
				NETTY);
	}

	public Result withLatency(double p50Micros, double p99Micros) {
		return new Result(this.server, this.workload, this.repetition, this.rate, this.perCpuSecond, p50Micros,
				p99Micros, this.rssPerConnection, this.heapPerConnection, this.nmtPerConnection, this.errors,
				this.driver);
	}

	public Result withDriver(String driver) {
		return new Result(this.server, this.workload, this.repetition, this.rate, this.perCpuSecond, this.p50Micros,
				this.p99Micros, this.rssPerConnection, this.heapPerConnection, this.nmtPerConnection, this.errors,
				driver);
	}

	public static Result memory(String server, String workload, int repetition, double rssPerConnection,
			double heapPerConnection, @Nullable Double nmtPerConnection, long errors) {
		return new Result(server, workload, repetition, null, null, null, null, rssPerConnection, heapPerConnection,
				nmtPerConnection, errors, NETTY);
	}

}
