package io.github.h3spring.internal.metrics;

import io.github.h3spring.websocket.Peer;

/**
 * Records the WebSocket activity of one handler. Called on event-loop threads, once per
 * message for {@link #messageReceived} and {@link #messageSent}: implementations must not
 * block nor look meters up there.
 */
public interface WebSocketMetrics {

	/** Records nothing. */
	WebSocketMetrics NONE = new WebSocketMetrics() {
	};

	/**
	 * An upgrade was refused.
	 * @param reason one of the {@link UpgradeRejection} reasons
	 */
	default void upgradeRejected(UpgradeRejection reason) {
	}

	/**
	 * An upgrade was accepted and its peer opened; called once per peer.
	 * @param peer the peer, its namespace settled
	 */
	default void opened(Peer peer) {
	}

	/**
	 * A peer left the open peers, its connection over; may be called more than once per
	 * peer.
	 * @param peer the peer
	 */
	default void left(Peer peer) {
	}

	/**
	 * A text or binary message arrived, fragments assembled.
	 * @param bytes its payload size
	 */
	default void messageReceived(int bytes) {
	}

	/**
	 * A text or binary message was handed to the network.
	 * @param bytes its payload size
	 */
	default void messageSent(int bytes) {
	}

	/**
	 * A peer closed.
	 * @param code the close code, {@code 1006} when the connection dropped
	 */
	default void closed(int code) {
	}

	/** A hook of the handler threw or its {@code Mono} failed. */
	default void hookFailed() {
	}

	/** A peer was closed because its send buffer overflowed. */
	default void sendBufferOverflowed() {
	}

}
