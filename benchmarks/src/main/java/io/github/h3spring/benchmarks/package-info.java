/**
 * Benchmarks: the starter and raw WebFlux servers, the load driver and the report.
 */
@NullMarked
package io.github.h3spring.benchmarks;

import org.jspecify.annotations.NullMarked;
