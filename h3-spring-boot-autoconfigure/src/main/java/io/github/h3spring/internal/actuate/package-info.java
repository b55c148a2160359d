/**
 * The {@code h3} Actuator endpoint.
 */
@NullMarked
package io.github.h3spring.internal.actuate;

import org.jspecify.annotations.NullMarked;
