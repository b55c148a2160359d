package io.github.h3spring.internal.websocket;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.util.concurrent.Queues;

/**
 * The send side of one peer: frames are written to the channel in order from any thread,
 * counting every byte until the socket has taken it, so that a peer that does not read is
 * detected after {@code limit} bytes instead of growing memory without bound.
 * <p>
 * On the event loop a send is written at once; from other threads it is queued and written by
 * one task on the event loop, which flushes once per batch.
 */
final class PeerOutbound {

	/** How long a peer closed for not reading gets to take the close frame before the drop. */
	private static final long OVERFLOW_CLOSE_GRACE_MILLIS = 1000;

	private final Channel channel;

	private final long limit;

	private final Queue<WebSocketFrame> queue = Queues.<WebSocketFrame>unboundedMultiproducer().get();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	private final Runnable drainTask = this::drainQueue;

	private volatile boolean closed;

	PeerOutbound(Channel channel, long limit) {
		this.channel = channel;
		this.limit = limit;
	}

	/**
	 * Queues a frame, taking ownership of it.
	 * @return {@code false} when the frame would exceed the limit (the frame is released)
	 */
	boolean send(WebSocketFrame frame) {
		if (this.closed) {
			frame.release();
			return true;
		}
		int size = frame.content().readableBytes();
		if (bufferedAmount() + size > this.limit) {
			frame.release();
			return false;
		}
		this.queuedBytes.addAndGet(size);
		this.queue.offer(frame);
		if (this.wip.getAndIncrement() == 0) {
			if (this.channel.eventLoop().inEventLoop()) {
				drainQueue();
			}
			else {
				this.channel.eventLoop().execute(this.drainTask);
			}
		}
		return true;
	}

	/** Bytes queued here or in the channel and not yet taken by the socket. */
	long bufferedAmount() {
		ChannelOutboundBuffer pending = this.channel.unsafe().outboundBuffer();
		return this.queuedBytes.get() + ((pending != null) ? pending.totalPendingWriteBytes() : 0);
	}

	private void drainQueue() {
		int missed = 1;
		for (;;) {
			writeQueued();
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void writeQueued() {
		boolean wrote = false;
		WebSocketFrame frame;
		while ((frame = this.queue.poll()) != null) {
			this.queuedBytes.addAndGet(-frame.content().readableBytes());
			this.channel.write(frame, this.channel.voidPromise());
			wrote = true;
		}
		if (wrote) {
			this.channel.flush();
		}
	}

	/**
	 * Runs {@code action} on the event loop once everything sent so far is written; later
	 * sends are dropped.
	 */
	void closeAfterPending(Runnable action) {
		this.closed = true;
		this.channel.eventLoop().execute(() -> {
			writeQueued();
			action.run();
		});
	}

	/**
	 * Drops what is queued, runs {@code action} (which sends the close frame) and drops the
	 * connection if the client has not taken the close frame within a grace period.
	 */
	void closeNow(Runnable action) {
		this.closed = true;
		this.channel.eventLoop().execute(() -> {
			releaseQueued();
			action.run();
			this.channel.eventLoop()
				.schedule(() -> this.channel.close(), OVERFLOW_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
		});
	}

	/** Releases what could not be written: the connection is gone. */
	void releaseQueued() {
		this.closed = true;
		WebSocketFrame frame;
		while ((frame = this.queue.poll()) != null) {
			this.queuedBytes.addAndGet(-frame.content().readableBytes());
			frame.release();
		}
	}

	/**
	 * Calls {@code listener} on the event loop once everything written so far has reached the
	 * socket: an empty write completes after every write before it.
	 */
	void whenWritten(Runnable listener) {
		this.channel.eventLoop().execute(() -> this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER)
			.addListener((future) -> listener.run()));
	}

}
