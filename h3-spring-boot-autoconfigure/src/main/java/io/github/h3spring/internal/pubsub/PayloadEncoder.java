package io.github.h3spring.internal.pubsub;

import java.nio.ByteBuffer;

import io.github.h3spring.internal.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Turns what a handler sends into bytes: {@code String} as UTF-8 text, {@code byte[]} and
 * {@code ByteBuffer} as binary, anything else as JSON text.
 */
public final class PayloadEncoder {

	private final JsonCodec json;

	private final ByteBufAllocator allocator;

	public PayloadEncoder(JsonCodec json, ByteBufAllocator allocator) {
		this.json = json;
		this.allocator = allocator;
	}

	public Payload encode(Object data) {
		if (data instanceof CharSequence text) {
			return new Payload(ByteBufUtil.writeUtf8(this.allocator, text), false);
		}
		if (data instanceof byte[] bytes) {
			return new Payload(this.allocator.buffer(bytes.length).writeBytes(bytes), true);
		}
		if (data instanceof ByteBuffer buffer) {
			ByteBuffer view = buffer.duplicate();
			return new Payload(this.allocator.buffer(view.remaining()).writeBytes(view), true);
		}
		ByteBuf encoded = this.json.encode(data, this.allocator);
		return new Payload(encoded, false);
	}

	public JsonCodec json() {
		return this.json;
	}

}
