/**
 * The reference server: the same endpoints written with plain Spring WebFlux.
 */
@NullMarked
package io.github.h3spring.benchmarks.raw;

import org.jspecify.annotations.NullMarked;
