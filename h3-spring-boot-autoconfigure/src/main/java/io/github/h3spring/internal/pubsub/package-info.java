/**
 * Topic registry and publish fan-out shared by WebSocket peers and SSE streams.
 */
@NullMarked
package io.github.h3spring.internal.pubsub;

import org.jspecify.annotations.NullMarked;
