package io.github.h3spring.internal.metrics;

/**
 * Records the publishes that cross the backplane ({@code SyncDriver}) between instances.
 * The backplane's own state (connection, outbox) is measured by the backplane itself.
 */
public interface PubSubMetrics {

	/** Records nothing. */
	PubSubMetrics NONE = new PubSubMetrics() {
	};

	/** A local publish was handed to the backplane. */
	default void syncPublished() {
	}

	/** A publish from another instance arrived. */
	default void syncReceived() {
	}

}
