package io.github.h3spring.pubsub;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A publish travelling between instances through a {@link SyncDriver}.
 *
 * @param namespace the namespace of a {@code peer.publish}, or {@code null} for a
 * {@code WebSocketHub.publish} that reaches every namespace
 * @param topic the topic
 * @param data the payload: a {@code String} (text) or a {@code byte[]} (binary); objects
 * are encoded to JSON text before they reach the driver
 */
public record SyncMessage(@Nullable String namespace, String topic, Object data) {

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
	 * Returns whether the payload is binary.
	 * @return {@code true} for a {@code byte[]} payload
	 */
	public boolean isBinary() {
		return this.data instanceof byte[];
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SyncMessage that && Objects.equals(this.namespace, that.namespace)
				&& this.topic.equals(that.topic) && Objects.deepEquals(this.data, that.data);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.namespace, this.topic,
				(this.data instanceof byte[] bytes) ? Arrays.hashCode(bytes) : this.data.hashCode());
	}

}
