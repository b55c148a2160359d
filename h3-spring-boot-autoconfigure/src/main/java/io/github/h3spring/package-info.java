/**
 * h3-style HTTP handlers for Spring WebFlux: {@link io.github.h3spring.H3Handler},
 * {@link io.github.h3spring.EventHandler} and the {@link io.github.h3spring.H3} helpers.
 */
@NullMarked
package io.github.h3spring;

import org.jspecify.annotations.NullMarked;
