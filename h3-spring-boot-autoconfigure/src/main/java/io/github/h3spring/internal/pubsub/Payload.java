package io.github.h3spring.internal.pubsub;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AbstractReferenceCounted;
import org.jspecify.annotations.Nullable;

/**
 * A publish encoded once: the bytes of a text or binary message, shared by every
 * recipient. The publisher owns one reference and releases it after the fan-out; a
 * delivery that finishes on another thread takes its own. Each WebSocket recipient takes
 * a retained duplicate of the content or, without compression, of the whole frame as it
 * goes on the wire, so sending to ten thousand peers copies and encodes nothing per peer.
 */
public final class Payload extends AbstractReferenceCounted {

	private final ByteBuf content;

	private final boolean binary;

	private @Nullable String text;

	/** The unmasked frame (header and content), made on first use. */
	private volatile @Nullable ByteBuf wireFrame;

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

	/**
	 * The whole frame as a server sends it (final, unmasked, no extension bits), for a
	 * recipient that writes it past the WebSocket encoder: a retained duplicate of one
	 * buffer shared by every recipient.
	 */
	public ByteBuf newWireFrame() {
		ByteBuf frame = this.wireFrame;
		if (frame == null) {
			synchronized (this) {
				frame = this.wireFrame;
				if (frame == null) {
					frame = encodeFrame();
					this.wireFrame = frame;
				}
			}
		}
		return frame.retainedDuplicate();
	}

	private ByteBuf encodeFrame() {
		int length = this.content.readableBytes();
		int header = (length <= 125) ? 2 : ((length <= 0xFFFF) ? 4 : 10);
		ByteBuf frame = this.content.alloc().buffer(header + length);
		frame.writeByte(0x80 | (this.binary ? 0x2 : 0x1));
		if (length <= 125) {
			frame.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			frame.writeByte(126).writeShort(length);
		}
		else {
			frame.writeByte(127).writeLong(length);
		}
		return frame.writeBytes(this.content, this.content.readerIndex(), length);
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

	@Override
	public Payload retain() {
		super.retain();
		return this;
	}

	@Override
	public Payload touch(@Nullable Object hint) {
		this.content.touch(hint);
		return this;
	}

	@Override
	protected void deallocate() {
		this.content.release();
		ByteBuf frame = this.wireFrame;
		if (frame != null) {
			frame.release();
		}
	}

}
