package io.github.h3spring.benchmarks.report;

import java.util.function.Function;

import io.github.h3spring.benchmarks.Result;
import org.jspecify.annotations.Nullable;

/**
 * A figure the report shows for a workload, with the direction that is better.
 */
enum Metric {

	RATE("/s", true, Result::rate),

	PER_CPU_SECOND("/CPU-s", true, Result::perCpuSecond),

	P50("p50 µs", false, Result::p50Micros),

	P99("p99 µs", false, Result::p99Micros),

	RSS_PER_CONNECTION("RSS B/conn", false, Result::rssPerConnection),

	HEAP_PER_CONNECTION("heap B/conn", false, Result::heapPerConnection),

	/** Native memory committed outside the heap plus live heap: the JVM's own account. */
	NMT_PER_CONNECTION("NMT+heap B/conn", false, Result::nmtPerConnection);

	private final String unit;

	private final boolean higherIsBetter;

	private final Function<Result, @Nullable Double> value;

	Metric(String unit, boolean higherIsBetter, Function<Result, @Nullable Double> value) {
		this.unit = unit;
		this.higherIsBetter = higherIsBetter;
		this.value = value;
	}

	String unit() {
		return this.unit;
	}

	boolean higherIsBetter() {
		return this.higherIsBetter;
	}

	@Nullable Double of(Result result) {
		return this.value.apply(result);
	}

}
