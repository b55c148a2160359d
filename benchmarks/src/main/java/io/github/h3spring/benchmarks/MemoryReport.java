package io.github.h3spring.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * What a benchmark server reports of its memory: the heap still in use after a full GC.
 *
 * @param heapUsed live heap in bytes
 */
public record MemoryReport(long heapUsed) {

	public static MemoryReport afterFullGc() {
		System.gc();
		System.gc();
		return new MemoryReport(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
	}

}
