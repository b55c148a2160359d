/**
 * The reference servers: the same endpoints written with plain Spring WebFlux and with
 * plain Spring MVC.
 */
@NullMarked
package io.github.h3spring.benchmarks.raw;

import org.jspecify.annotations.NullMarked;
