package io.github.h3spring.internal.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
 * <p>
 * It also carries the publish's {@link Origins origin}, which event streams number their
 * events by, and the work that a subscriber leaves for after the fan-out when the
 * publisher holds a lock meanwhile.
 */
public final class Payload extends AbstractReferenceCounted {

	private final ByteBuf content;

	private final boolean binary;

	private @Nullable String text;

	/** The unmasked frame (header and content), made on first use. */
	private volatile @Nullable ByteBuf wireFrame;

	// Written by the publisher before the fan-out, read on its thread.

	private Origins.@Nullable Origin origin;

	private long number;

	private @Nullable List<Runnable> afterFanOut;

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

	/**
	 * Sets the origin of the publish.
	 * @param origin its origin
	 * @param number its number there, or 0 when the event streams number it
	 */
	void originate(Origins.Origin origin, long number) {
		this.origin = origin;
		this.number = number;
	}

	/**
	 * The publish's origin, or {@code null} for a publish of this instance that the event
	 * streams number as it reaches them.
	 */
	public Origins.@Nullable Origin origin() {
		return this.origin;
	}

	/** The publish's number at its origin, or 0 when not numbered yet. */
	public long number() {
		return this.number;
	}

	/** Lets subscribers leave work for after the fan-out, until {@link #fannedOut()}. */
	void deferWork() {
		this.afterFanOut = new ArrayList<>(1);
	}

	/**
	 * Runs the work of a subscriber that must not run under the publisher's lock: now, or
	 * after the fan-out when the publisher holds one.
	 * @param work what to run
	 */
	public void afterFanOut(Runnable work) {
		List<Runnable> deferred = this.afterFanOut;
		if (deferred != null) {
			deferred.add(work);
		}
		else {
			work.run();
		}
	}

	/** Runs the work left for after the fan-out. */
	void fannedOut() {
		List<Runnable> deferred = this.afterFanOut;
		this.afterFanOut = null;
		if (deferred != null) {
			deferred.forEach(Runnable::run);
		}
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
