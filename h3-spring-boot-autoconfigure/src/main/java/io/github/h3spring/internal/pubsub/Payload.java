package io.github.h3spring.internal.pubsub;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * A publish encoded once: the bytes of a text or binary message, shared by every recipient.
 * The publisher owns the buffer and releases it after the fan-out; each WebSocket recipient
 * takes a retained duplicate, so sending to ten thousand peers copies nothing.
 */
public final class Payload {

	private final ByteBuf content;

	private final boolean binary;

	private @Nullable String text;

	public Payload(ByteBuf content, boolean binary) {
		this.content = content;
		this.binary = binary;
	}

	public boolean isBinary() {
		return this.binary;
	}

	/** A frame for one recipient, sharing this payload's bytes. */
	public WebSocketFrame newFrame() {
		ByteBuf shared = this.content.retainedDuplicate();
		return this.binary ? new BinaryWebSocketFrame(shared) : new TextWebSocketFrame(shared);
	}

	/** The payload decoded as UTF-8, computed once. */
	public String text() {
		String decoded = this.text;
		if (decoded == null) {
			decoded = this.content.toString(StandardCharsets.UTF_8);
			this.text = decoded;
		}
		return decoded;
	}

	/** A copy of the payload bytes. */
	public byte[] bytes() {
		return ByteBufUtil.getBytes(this.content);
	}

	public int size() {
		return this.content.readableBytes();
	}

	public void release() {
		this.content.release();
	}

}
