package io.github.h3spring.internal.metrics;

/**
 * Records the traffic of the pub/sub backplane ({@code SyncDriver}) and the state of its
 * connection.
 */
public interface BackplaneMetrics {

	/** Records nothing. */
	BackplaneMetrics NONE = new BackplaneMetrics() {
	};

	/** A local publish was handed to the backplane. */
	default void published() {
	}

	/** A publish from another instance arrived. */
	default void received() {
	}

	/** A publish waiting for the backplane to come back was dropped: its outbox was full. */
	default void outboxDropped() {
	}

	/**
	 * The backplane connection went up or down.
	 * @param connected whether it is connected now
	 */
	default void connectionChanged(boolean connected) {
	}

}
