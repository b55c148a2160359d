/**
 * Turns benchmark results into the ratio table and {@code docs/performance.md}.
 */
@NullMarked
package io.github.h3spring.benchmarks.report;

import org.jspecify.annotations.NullMarked;
