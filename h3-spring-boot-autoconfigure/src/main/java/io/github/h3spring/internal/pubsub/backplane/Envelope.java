package io.github.h3spring.internal.pubsub.backplane;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.github.h3spring.pubsub.SyncMessage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SyncMessage} as it travels: the publishing instance, its sequence number, and
 * the message, in a compact binary form that keeps the payload type.
 * <p>
 * Layout: version (1 byte), flags (1 byte: binary, has namespace), instance id (16
 * bytes), sequence (8 bytes), namespace (int length + UTF-8, when present), topic (int
 * length + UTF-8), then the payload bytes to the end. A decoded message has the instance
 * and the sequence as its {@link SyncMessage#origin() origin}.
 *
 * @param instance the publishing instance
 * @param sequence the publisher's sequence number, from 1, without gaps
 * @param message the message
 */
public record Envelope(UUID instance, long sequence, SyncMessage message) {

	private static final byte VERSION = 1;

	private static final int BINARY = 1;

	private static final int HAS_NAMESPACE = 2;

	public byte[] encode() {
		byte[] namespace = bytesOrNull(this.message.namespace());
		byte[] topic = this.message.topic().getBytes(StandardCharsets.UTF_8);
		byte[] data = this.message.isBinary() ? (byte[]) this.message.data()
				: ((String) this.message.data()).getBytes(StandardCharsets.UTF_8);
		int size = 2 + 16 + 8 + ((namespace != null) ? 4 + namespace.length : 0) + 4 + topic.length + data.length;
		ByteBuffer buffer = ByteBuffer.allocate(size);
		buffer.put(VERSION);
		buffer.put((byte) ((this.message.isBinary() ? BINARY : 0) | ((namespace != null) ? HAS_NAMESPACE : 0)));
		buffer.putLong(this.instance.getMostSignificantBits()).putLong(this.instance.getLeastSignificantBits());
		buffer.putLong(this.sequence);
		if (namespace != null) {
			buffer.putInt(namespace.length).put(namespace);
		}
		buffer.putInt(topic.length).put(topic);
		buffer.put(data);
		return buffer.array();
	}

	/**
	 * Reads an envelope.
	 * @param bytes the encoded envelope
	 * @return the envelope
	 * @throws IllegalArgumentException when the bytes are not an envelope of this version
	 */
	public static Envelope decode(byte[] bytes) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			byte version = buffer.get();
			if (version != VERSION) {
				throw new IllegalArgumentException("Unknown backplane envelope version " + version);
			}
			int flags = buffer.get();
			UUID instance = new UUID(buffer.getLong(), buffer.getLong());
			long sequence = buffer.getLong();
			String namespace = ((flags & HAS_NAMESPACE) != 0) ? readString(buffer) : null;
			String topic = readString(buffer);
			byte[] data = new byte[buffer.remaining()];
			buffer.get(data);
			Object payload = ((flags & BINARY) != 0) ? data : new String(data, StandardCharsets.UTF_8);
			return new Envelope(instance, sequence,
					new SyncMessage(namespace, topic, payload, new SyncMessage.Origin(instance, sequence)));
		}
		catch (RuntimeException ex) {
			if (ex instanceof IllegalArgumentException illegal) {
				throw illegal;
			}
			throw new IllegalArgumentException("Malformed backplane envelope of " + bytes.length + " bytes", ex);
		}
	}

	private static String readString(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.getInt()];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static byte @Nullable [] bytesOrNull(@Nullable String value) {
		return (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null;
	}

}
