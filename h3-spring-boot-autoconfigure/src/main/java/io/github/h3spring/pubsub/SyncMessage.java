package io.github.h3spring.pubsub;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A publish travelling between instances through a {@link SyncDriver}.
 *
 * @param namespace the namespace of a {@code peer.publish}, or {@code null} for a
 * {@code WebSocketHub.publish} that reaches every namespace
 * @param topic the topic
 * @param data the payload: a {@code String} (text) or a {@code byte[]} (binary); objects
 * are encoded to JSON text before they reach the driver
 * @param origin where the publish comes from: set on the messages that the application
 * hands to {@link SyncDriver#publish}; a driver that carries it to the other instances
 * lets their event streams resume a client that reconnects from another instance
 * ({@code Last-Event-ID}). A message delivered without one is still delivered, but the
 * events it makes on an instance cannot be resumed on another one.
 */
public record SyncMessage(@Nullable String namespace, String topic, Object data, @Nullable Origin origin) {

	/**
	 * Creates a message and checks the payload type.
	 */
	public SyncMessage {
		Objects.requireNonNull(topic, "topic");
		if (!(data instanceof String) && !(data instanceof byte[])) {
			throw new IllegalArgumentException("SyncMessage data must be a String or a byte[]");
		}
	}

	/**
	 * Creates a message without an origin.
	 * @param namespace the namespace, or {@code null} for every namespace
	 * @param topic the topic
	 * @param data the payload, a {@code String} or a {@code byte[]}
	 */
	public SyncMessage(@Nullable String namespace, String topic, Object data) {
		this(namespace, topic, data, null);
	}

	/**
	 * Returns the same message from an origin.
	 * @param origin the origin
	 * @return the message
	 */
	public SyncMessage withOrigin(Origin origin) {
		return new SyncMessage(this.namespace, this.topic, this.data, origin);
	}

	/**
	 * Returns whether the payload is binary.
	 * @return {@code true} for a {@code byte[]} payload
	 */
	public boolean isBinary() {
		return this.data instanceof byte[];
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SyncMessage that && Objects.equals(this.namespace, that.namespace)
				&& this.topic.equals(that.topic) && Objects.deepEquals(this.data, that.data)
				&& Objects.equals(this.origin, that.origin);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.namespace, this.topic,
				(this.data instanceof byte[] bytes) ? Arrays.hashCode(bytes) : this.data.hashCode(), this.origin);
	}

	/**
	 * The publishing instance and its number for the publish, from 1 and without gaps but
	 * for the publishes its driver dropped. A driver delivers the publishes of one origin
	 * in this order.
	 *
	 * @param instance the publishing instance
	 * @param sequence its number for the publish
	 */
	public record Origin(UUID instance, long sequence) {

		/**
		 * Creates an origin.
		 */
		public Origin {
			Objects.requireNonNull(instance, "instance");
			if (sequence < 1) {
				throw new IllegalArgumentException("An origin's sequence starts at 1");
			}
		}

	}

}
