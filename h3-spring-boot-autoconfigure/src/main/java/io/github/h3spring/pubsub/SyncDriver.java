package io.github.h3spring.pubsub;

import java.util.function.Consumer;

/**
 * The backplane SPI that carries publishes between instances, as crossws's sync drivers.
 * A driver must deliver every message published on one instance to the consumer of every
 * other instance, and never back to the instance that published it (its local subscribers
 * already received it). Define a bean of this type to plug in your own.
 * <p>
 * The messages the application publishes have an {@link SyncMessage#origin() origin}. A
 * driver that delivers them with it, and delivers one origin's messages in its sequence
 * order, one at a time, lets an event stream's client that reconnects to another instance
 * resume there with what it missed; a driver that drops it still delivers, but such
 * events resume on the instance that delivered them only.
 */
public interface SyncDriver {

	/**
	 * Sends a local publish to the other instances. Must not block.
	 * @param message the message
	 */
	void publish(SyncMessage message);

	/**
	 * Registers the consumer of messages published by other instances. Called once, at
	 * start-up.
	 * @param consumer the consumer
	 */
	void subscribe(Consumer<SyncMessage> consumer);

	/**
	 * Releases the driver's connections. Called once, at shutdown.
	 */
	void close();

}
