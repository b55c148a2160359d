package io.github.h3spring.test;

/**
 * How a {@link TestWebSocket} connection ended.
 *
 * @param code the close code the server sent, or {@code 1006} when the connection dropped
 * without a close frame
 * @param reason the close reason, empty when none
 */
public record TestCloseStatus(int code, String reason) {
}
