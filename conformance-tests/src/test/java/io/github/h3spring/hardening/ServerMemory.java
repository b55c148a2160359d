package io.github.h3spring.hardening;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import io.netty.util.internal.PlatformDependent;

/**
 * What the server process holds, read from the JVM rather than from the starter's
 * counters: direct memory (Netty's own count, for the buffers it allocates without a
 * cleaner, plus the JVM's direct buffer pool) and the heap that survives a full
 * collection.
 */
final class ServerMemory {

	private ServerMemory() {
	}

	static long direct() {
		long netty = Math.max(0, PlatformDependent.usedDirectMemory());
		long jvm = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
		return netty + jvm;
	}

	/**
	 * The heap in use after a full collection (the test JVMs run without
	 * -XX:+DisableExplicitGC).
	 */
	static long liveHeap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
