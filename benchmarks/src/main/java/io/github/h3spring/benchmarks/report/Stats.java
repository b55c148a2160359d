package io.github.h3spring.benchmarks.report;

import java.util.Arrays;

/**
 * Median and range of a few repetitions.
 *
 * @param median the median
 * @param min the lowest value
 * @param max the highest value
 */
record Stats(double median, double min, double max) {

	static Stats of(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		return new Stats(median, sorted[0], sorted[sorted.length - 1]);
	}

	double halfSpread() {
		return (this.max - this.min) / 2;
	}

}
