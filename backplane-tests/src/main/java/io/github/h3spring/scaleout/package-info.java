/**
 * An application written only on the public API, run as several instances over a
 * backplane.
 */
@NullMarked
package io.github.h3spring.scaleout;

import org.jspecify.annotations.NullMarked;
