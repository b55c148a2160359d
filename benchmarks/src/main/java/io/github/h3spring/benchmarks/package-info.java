/**
 * Benchmarks: the starter and the raw WebFlux and Spring MVC servers, the load driver and
 * the report.
 */
@NullMarked
package io.github.h3spring.benchmarks;

import org.jspecify.annotations.NullMarked;
