/**
 * The Spring MVC transport of the HTTP side of {@code @H3Handler}s and of event streams:
 * the servlet twins of {@code internal.http} and of the WebFlux event stream writer.
 */
@NullMarked
package io.github.h3spring.internal.webmvc;

import org.jspecify.annotations.NullMarked;
