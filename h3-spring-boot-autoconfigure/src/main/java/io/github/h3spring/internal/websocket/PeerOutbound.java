package io.github.h3spring.internal.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.ReferenceCounted;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;
import reactor.util.concurrent.Queues;

/**
 * The send side of one peer: frames are written to the channel in order from any thread,
 * counting every byte until the socket has taken it, so that a peer that does not read is
 * detected after {@code limit} bytes instead of growing memory without bound.
 * <p>
 * On the event loop a send is written at once; from other threads it is queued and
 * written by one task on the event loop. Either way the flush is a task of its own that
 * runs after what the event loop is doing now, so the frames of several messages (the
 * echoes of one read, the publishes that queued up while the loop was busy) leave in one
 * write to the socket.
 */
final class PeerOutbound {

	/** What {@link #send} returns for a frame that would exceed the limit. */
	static final long OVER_LIMIT = -1;

	/** What {@link #send} returns for a frame refused because of a close. */
	static final long DROPPED = -2;

	/**
	 * How long a peer closed for not reading gets to take the close frame before the
	 * drop.
	 */
	private static final long OVERFLOW_CLOSE_GRACE_MILLIS = 1000;

	private final Channel channel;

	private final long limit;

	private final Queue<ReferenceCounted> queue = Queues.<ReferenceCounted>unboundedMultiproducer().get();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	/** Where this peer asks its event loop to write what other threads queued. */
	private final DrainBatch drains;

	/**
	 * Whether this peer waits in its event loop's {@link FlushBatch}; only used on the
	 * event loop.
	 */
	private boolean flushScheduled;

	/**
	 * Where frames encoded once for many peers enter the pipeline: just past the
	 * WebSocket encoder.
	 */
	private final @Nullable ChannelHandlerContext encoder;

	/**
	 * Set when a close was asked for: the application's sends are refused from then on.
	 */
	private volatile boolean closing;

	/**
	 * Set once the Close frame is written or the connection is gone: every frame is
	 * refused.
	 */
	private volatile boolean finished;

	PeerOutbound(Channel channel, long limit) {
		this.channel = channel;
		this.limit = limit;
		this.encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
		this.drains = DrainBatch.of(channel.eventLoop());
	}

	/**
	 * Whether {@link #send} takes frames already encoded ({@link ByteBuf}s in wire
	 * format).
	 */
	boolean writesEncodedFrames() {
		return this.encoder != null;
	}

	/**
	 * Queues a frame the application sends, taking ownership of it: a
	 * {@link WebSocketFrame}, or when {@link #writesEncodedFrames()} a {@link ByteBuf}
	 * holding a whole encoded frame. Refused once a close has been asked for.
	 * @return the bytes buffered with this frame, {@link #OVER_LIMIT} when the frame
	 * would exceed the limit or {@link #DROPPED} after a close (the frame is released)
	 */
	long send(ReferenceCounted frame) {
		if (this.closing) {
			frame.release();
			return DROPPED;
		}
		int size = sizeOf(frame);
		long buffered = bufferedAmount() + size;
		if (buffered > this.limit) {
			frame.release();
			return OVER_LIMIT;
		}
		boolean inEventLoop = this.channel.eventLoop().inEventLoop();
		if (inEventLoop && this.wip.get() == 0) {
			// nothing queued before it: no need to go through the queue
			write(frame);
			return buffered;
		}
		this.queuedBytes.addAndGet(size);
		this.queue.offer(frame);
		if (this.wip.getAndIncrement() == 0) {
			if (inEventLoop) {
				drainQueue();
			}
			else {
				this.drains.add(this);
			}
		}
		return buffered;
	}

	/** Bytes queued here or in the channel and not yet taken by the socket. */
	long bufferedAmount() {
		ChannelOutboundBuffer pending = this.channel.unsafe().outboundBuffer();
		return this.queuedBytes.get() + ((pending != null) ? pending.totalPendingWriteBytes() : 0);
	}

	/** Writes what other threads queued; on the event loop. */
	void drainQueue() {
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
		ReferenceCounted frame;
		while ((frame = this.queue.poll()) != null) {
			this.queuedBytes.addAndGet(-sizeOf(frame));
			write(frame);
		}
	}

	/**
	 * Writes on the event loop and makes sure a flush follows; nothing goes after the
	 * Close frame.
	 */
	private void write(ReferenceCounted frame) {
		if (this.finished) {
			frame.release();
			return;
		}
		if (frame instanceof ByteBuf encoded && this.encoder != null) {
			this.encoder.write(encoded, this.encoder.voidPromise());
		}
		else {
			this.channel.write(frame, this.channel.voidPromise());
		}
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			FlushBatch.of(this.channel.eventLoop()).add(this);
		}
	}

	private void flush() {
		this.flushScheduled = false;
		// from the encoder on, the frames are bytes: the handlers before it have nothing
		// to flush
		if (this.encoder != null) {
			this.encoder.flush();
		}
		else {
			this.channel.flush();
		}
	}

	/**
	 * Refuses further sends and runs {@code action}, which writes the Close frame, on the
	 * event loop once everything sent or published so far is written; what comes later is
	 * dropped.
	 */
	void closeAfterPending(Runnable action) {
		this.closing = true;
		this.channel.eventLoop().execute(() -> {
			writeQueued();
			finish(action);
		});
	}

	/**
	 * Drops what is queued, runs {@code action} (which writes the Close frame) and drops
	 * the connection if the client has not taken the close frame within a grace period.
	 */
	void closeNow(Runnable action) {
		this.closing = true;
		this.channel.eventLoop().execute(() -> {
			dropQueued();
			finish(action);
			this.channel.eventLoop()
				.schedule(() -> this.channel.close(), OVERFLOW_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
		});
	}

	private void finish(Runnable closeFrameWriter) {
		if (!this.finished) {
			this.finished = true;
			closeFrameWriter.run();
		}
	}

	/** Releases what could not be written: the connection is gone. */
	void releaseQueued() {
		this.closing = true;
		this.finished = true;
		dropQueued();
	}

	private void dropQueued() {
		ReferenceCounted frame;
		while ((frame = this.queue.poll()) != null) {
			this.queuedBytes.addAndGet(-sizeOf(frame));
			frame.release();
		}
	}

	private static int sizeOf(ReferenceCounted frame) {
		return (frame instanceof ByteBuf encoded) ? encoded.readableBytes()
				: ((ByteBufHolder) frame).content().readableBytes();
	}

	/**
	 * Calls {@code listener} on the event loop once everything written so far has reached
	 * the socket: an empty write completes after every write before it.
	 */
	void whenWritten(Runnable listener) {
		this.channel.eventLoop()
			.execute(() -> this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((future) -> listener.run()));
	}

	/**
	 * The peers of one event loop that wrote since the loop last flushed, flushed
	 * together by one task: a publish to thousands of peers queues one task, not one per
	 * peer.
	 */
	private static final class FlushBatch implements Runnable {

		private static final FastThreadLocal<FlushBatch> BATCHES = new FastThreadLocal<>() {

			@Override
			protected FlushBatch initialValue() {
				return new FlushBatch();
			}

		};

		private final List<PeerOutbound> pending = new ArrayList<>();

		private @Nullable EventLoop loop;

		/** The batch of the current thread, which must be {@code loop}. */
		static FlushBatch of(EventLoop loop) {
			FlushBatch batch = BATCHES.get();
			batch.loop = loop;
			return batch;
		}

		void add(PeerOutbound outbound) {
			this.pending.add(outbound);
			if (this.pending.size() == 1 && this.loop != null) {
				this.loop.execute(this);
			}
		}

		@Override
		public void run() {
			// a flush may write again (a listener sending): the loop picks up what is
			// added
			for (int i = 0; i < this.pending.size(); i++) {
				this.pending.get(i).flush();
			}
			this.pending.clear();
		}

	}

}
