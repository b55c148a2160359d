package io.github.h3spring.internal.websocket;

/**
 * The WebSocket limits and options, read from {@code h3.websocket.*}.
 *
 * @param maxMessageSize the largest message accepted, in bytes, fragments assembled
 * @param sendBufferLimit the most bytes queued for one peer before it is closed
 * @param compression whether to offer {@code permessage-deflate}
 */
public record WebSocketSettings(int maxMessageSize, long sendBufferLimit, boolean compression) {
}
