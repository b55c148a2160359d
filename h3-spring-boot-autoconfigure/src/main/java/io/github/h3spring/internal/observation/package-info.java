/**
 * Micrometer Observation of the runtime's work: where observations are made, and the noop
 * fast path when the application observes nothing.
 */
@NullMarked
package io.github.h3spring.internal.observation;

import org.jspecify.annotations.NullMarked;
