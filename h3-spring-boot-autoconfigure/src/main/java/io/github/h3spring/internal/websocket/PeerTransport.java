package io.github.h3spring.internal.websocket;

import java.util.concurrent.ScheduledExecutorService;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCounted;

/**
 * The socket under one {@link PeerSession}: what a web stack provides so that the peer
 * core (hooks, topics, limits, liveness) is the same on Reactor Netty and on a servlet
 * container. Frames are Netty's, the byte currency of the pub/sub broker; a transport
 * that does not write them to a channel copies them out and releases them.
 */
public interface PeerTransport {

	/** What {@link #send} returns for a frame that would exceed the send buffer limit. */
	long OVER_LIMIT = -1;

	/** What {@link #send} returns for a frame refused because of a close. */
	long DROPPED = -2;

	/**
	 * Whether {@link #send} takes frames already encoded: a {@link ByteBuf} holding a
	 * whole unmasked frame, shared by every recipient of a publish.
	 */
	boolean writesEncodedFrames();

	/**
	 * Queues a frame (text, binary, ping or pong {@link WebSocketFrame}, or an encoded
	 * frame when {@link #writesEncodedFrames()}), taking ownership of it. Thread-safe,
	 * never blocks.
	 * @return the bytes buffered with this frame, {@link #OVER_LIMIT} or {@link #DROPPED}
	 */
	long send(ReferenceCounted frame);

	/** Bytes queued on our side and in the container, not yet taken by the socket. */
	long bufferedAmount();

	/**
	 * Calls {@code listener} once everything sent so far has been written, or the
	 * connection is gone.
	 */
	void whenWritten(Runnable listener);

	/** Refuses further sends and closes with {@code code} after what was sent before. */
	void closeAfterPending(int code, String reason);

	/**
	 * Drops what is queued, closes with {@code code} and drops the connection if the
	 * client does not answer.
	 */
	void closeNow(int code, String reason);

	/** Drops the connection without a closing handshake. */
	void terminate();

	/** Releases what could not be written: the connection is gone. Idempotent. */
	void releaseQueued();

	/** Where the liveness check of this peer runs; it must not block. */
	ScheduledExecutorService scheduler();

	/** Runs {@code action} once the connection is gone, whatever ended it. */
	void onTerminated(Runnable action);

}
