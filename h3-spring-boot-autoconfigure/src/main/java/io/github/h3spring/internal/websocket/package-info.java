/**
 * The WebSocket runtime: upgrade handling, peers, their hook lanes and send queues.
 */
@NullMarked
package io.github.h3spring.internal.websocket;

import org.jspecify.annotations.NullMarked;
