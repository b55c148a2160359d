package io.github.h3spring.internal.websocket;

import java.time.Duration;

/**
 * The WebSocket limits and options, read from {@code h3.websocket.*}.
 *
 * @param maxMessageSize the largest message accepted, in bytes, fragments assembled
 * @param sendBufferLimit the most bytes queued for one peer before it is closed
 * @param compression whether to offer {@code permessage-deflate}
 * @param idleTimeout how long a peer may stay silent before it is dropped, zero for ever
 */
public record WebSocketSettings(int maxMessageSize, long sendBufferLimit, boolean compression, Duration idleTimeout) {
}
