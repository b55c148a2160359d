/**
 * The load driver: single-threaded Netty WebSocket and SSE clients and the workloads.
 */
@NullMarked
package io.github.h3spring.benchmarks.driver;

import org.jspecify.annotations.NullMarked;
