/**
 * The benchmark server built on the starter's public API.
 */
@NullMarked
package io.github.h3spring.benchmarks.starter;

import org.jspecify.annotations.NullMarked;
