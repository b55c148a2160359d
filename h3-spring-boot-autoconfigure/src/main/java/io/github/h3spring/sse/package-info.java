/**
 * h3-style Server-Sent Events: {@link io.github.h3spring.sse.EventStream} and
 * {@link io.github.h3spring.sse.EventStreamMessage}, created with
 * {@link io.github.h3spring.H3#createEventStream(io.github.h3spring.H3Event)}.
 */
@NullMarked
package io.github.h3spring.sse;

import org.jspecify.annotations.NullMarked;
