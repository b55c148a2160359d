/**
 * What the runtime reports as it works (upgrades, messages, closes, streams, backplane
 * traffic), and its Micrometer meters.
 */
@NullMarked
package io.github.h3spring.internal.metrics;

import org.jspecify.annotations.NullMarked;
