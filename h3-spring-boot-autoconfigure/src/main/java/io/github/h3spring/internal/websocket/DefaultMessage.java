package io.github.h3spring.internal.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.MessageNotReadableException;
import io.github.h3spring.websocket.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

/**
 * A received message, holding its text or its bytes (whichever came over the wire) and
 * deriving the other form on demand.
 */
final class DefaultMessage implements Message {

	private final Peer peer;

	private final JsonCodec json;

	private final @Nullable String text;

	private final byte @Nullable [] bytes;

	private @Nullable String id;

	private DefaultMessage(Peer peer, JsonCodec json, @Nullable String text, byte @Nullable [] bytes) {
		this.peer = peer;
		this.json = json;
		this.text = text;
		this.bytes = bytes;
	}

	static DefaultMessage text(Peer peer, JsonCodec json, String text) {
		return new DefaultMessage(peer, json, text, null);
	}

	static DefaultMessage binary(Peer peer, JsonCodec json, byte[] bytes) {
		return new DefaultMessage(peer, json, null, bytes);
	}

	@Override
	public String id() {
		String current = this.id;
		if (current == null) {
			current = UUID.randomUUID().toString();
			this.id = current;
		}
		return current;
	}

	@Override
	public Peer peer() {
		return this.peer;
	}

	@Override
	public boolean isBinary() {
		return this.bytes != null;
	}

	@Override
	public String text() {
		return (this.text != null) ? this.text : new String(rawBytes(), StandardCharsets.UTF_8);
	}

	@Override
	public byte[] bytes() {
		return rawBytes().clone();
	}

	@Override
	public ByteBuffer byteBuffer() {
		return ByteBuffer.wrap(rawBytes()).asReadOnlyBuffer();
	}

	@Override
	public <T> T json(Class<T> type) {
		return json(ResolvableType.forClass(type));
	}

	@Override
	public <T> T json(ParameterizedTypeReference<T> type) {
		return json(ResolvableType.forType(type));
	}

	private <T> T json(ResolvableType type) {
		T value;
		try {
			value = this.json.decode(rawBytes(), type);
		}
		catch (RuntimeException ex) {
			// a DecodingException for most mistakes, but a custom deserializer may throw
			// anything
			throw new MessageNotReadableException("Message is not valid JSON for " + type + ": " + ex.getMessage(), ex);
		}
		if (value == null) {
			throw new MessageNotReadableException("Message is JSON null, not a value of " + type, null);
		}
		return value;
	}

	private byte[] rawBytes() {
		// the factories give a message its text or its bytes
		return (this.bytes != null) ? this.bytes
				: Objects.requireNonNull(this.text, "text or bytes").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return text();
	}

}
