/**
 * The HTTP side of {@code @H3Handler}s: routing, {@code H3Event} and return-value
 * conversion.
 */
@NullMarked
package io.github.h3spring.internal.http;

import org.jspecify.annotations.NullMarked;
