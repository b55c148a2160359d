package io.github.h3spring.benchmarks.driver;

import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds, from one microsecond to one minute, three significant digits.
 */
final class Latency {

	private final Histogram histogram = new Histogram(1_000, 60_000_000_000L, 3);

	void record(long nanos) {
		this.histogram.recordValue(Math.max(1_000, Math.min(nanos, 60_000_000_000L)));
	}

	double percentileMicros(double percentile) {
		return this.histogram.getValueAtPercentile(percentile) / 1_000.0;
	}

	long count() {
		return this.histogram.getTotalCount();
	}

}
