/**
 * The reference servers: the same endpoints written with plain Spring WebFlux, with plain
 * Spring MVC and with plain Netty.
 */
@NullMarked
package io.github.h3spring.benchmarks.raw;

import org.jspecify.annotations.NullMarked;
