/**
 * Server-Sent Events runtime: the event stream, its wire format, topic feeds and replay
 * buffers.
 */
@NullMarked
package io.github.h3spring.internal.sse;

import org.jspecify.annotations.NullMarked;
