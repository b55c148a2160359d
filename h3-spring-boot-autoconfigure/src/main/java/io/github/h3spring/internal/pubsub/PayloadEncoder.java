package io.github.h3spring.internal.pubsub;

import java.nio.ByteBuffer;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.jsonrpc.JsonRpcMessages;
import io.github.h3spring.jsonrpc.JsonRpcNotification;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Turns what a handler sends into bytes: {@code String} as UTF-8 text, {@code byte[]} and
 * {@code ByteBuffer} as binary, a {@code JsonRpcNotification} as a JSON-RPC notification,
 * anything else as JSON text.
 */
public final class PayloadEncoder {

	private final JsonCodec json;

	private final ByteBufAllocator allocator;

	public PayloadEncoder(JsonCodec json, ByteBufAllocator allocator) {
		this.json = json;
		this.allocator = allocator;
	}

	/** Encodes a publish, shared by every recipient. */
	public Payload encode(Object data) {
		WebSocketFrame frame = encodeFrame(data);
		return new Payload(frame.content(), frame instanceof BinaryWebSocketFrame);
	}

	/** Encodes a send to one peer: a frame of its own, with nothing to share. */
	public WebSocketFrame encodeFrame(Object data) {
		if (data instanceof CharSequence text) {
			return new TextWebSocketFrame(ByteBufUtil.writeUtf8(this.allocator, text));
		}
		if (data instanceof byte[] bytes) {
			return new BinaryWebSocketFrame(this.allocator.buffer(bytes.length).writeBytes(bytes));
		}
		if (data instanceof ByteBuffer buffer) {
			ByteBuffer view = buffer.duplicate();
			return new BinaryWebSocketFrame(this.allocator.buffer(view.remaining()).writeBytes(view));
		}
		Object json = (data instanceof JsonRpcNotification notification) ? JsonRpcMessages.notification(notification)
				: data;
		return new TextWebSocketFrame(this.json.encode(json, this.allocator));
	}

	public JsonCodec json() {
		return this.json;
	}

}
