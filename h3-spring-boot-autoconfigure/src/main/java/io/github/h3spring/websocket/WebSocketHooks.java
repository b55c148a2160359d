package io.github.h3spring.websocket;

import org.jspecify.annotations.Nullable;

/**
 * WebSocket hooks of an {@link io.github.h3spring.H3Handler}, as crossws's
 * {@code defineHooks}. Every method is a no-op by default.
 * <p>
 * Threading and order: the hooks of one peer run one at a time and in order
 * ({@code upgrade}, {@code open}, then {@code message}, {@code ping}, {@code pong} as
 * frames arrive, and {@code close} last), on the peer's Netty event loop unless the
 * handler is {@link io.github.h3spring.H3Handler#blocking() blocking}. Hooks of different
 * peers run concurrently. An exception thrown by a hook other than {@code upgrade} is
 * passed to {@link #error(Peer, Throwable)} and logged; the connection stays open.
 * <p>
 * A handler that does reactive work implements {@link ReactiveWebSocketHooks} instead.
 */
public interface WebSocketHooks {

	/**
	 * Decides whether to accept an upgrade request. Return {@code null} or
	 * {@link UpgradeResponse#accept()} (with headers, a subprotocol or a namespace) to
	 * accept; return {@link UpgradeResponse#reject(int, String)} or throw an
	 * {@link io.github.h3spring.H3Exception} to refuse with that status, headers and
	 * body. Values put in {@link UpgradeRequest#context()} become the peer's context.
	 * @param request the upgrade request
	 * @return how to answer, or {@code null} to accept
	 */
	default @Nullable UpgradeResponse upgrade(UpgradeRequest request) {
		return null;
	}

	/**
	 * Called once the connection is open.
	 * @param peer the new peer
	 */
	default void open(Peer peer) {
	}

	/**
	 * Called for each complete text or binary message (fragments are assembled).
	 * @param peer the peer that sent it
	 * @param message the message
	 */
	default void message(Peer peer, Message message) {
	}

	/**
	 * Called once when the connection is closed, by either side or by a network failure.
	 * @param peer the peer, already removed from peers and topics
	 * @param event the close code ({@code 1005} when the client sent none, {@code 1006}
	 * when the connection dropped without a close frame) and reason
	 */
	default void close(Peer peer, CloseEvent event) {
	}

	/**
	 * Called when another hook throws or the connection fails.
	 * @param peer the peer
	 * @param error the failure
	 */
	default void error(Peer peer, Throwable error) {
	}

	/**
	 * Called when the client sends a ping; the pong answer is sent automatically.
	 * @param peer the peer
	 * @param data the ping payload
	 */
	default void ping(Peer peer, byte[] data) {
	}

	/**
	 * Called when the client sends a pong.
	 * @param peer the peer
	 * @param data the pong payload
	 */
	default void pong(Peer peer, byte[] data) {
	}

	/**
	 * Called when the peer's send buffer has drained after filling up, so that a handler
	 * that paused sending can resume.
	 * @param peer the peer
	 */
	default void drain(Peer peer) {
	}

}
