package io.github.h3spring.internal.websocket.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.h3spring.internal.websocket.PeerTransport;
import io.github.h3spring.websocket.CloseEvent;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCounted;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A peer's connection on a servlet container. The container's send is blocking, so sends
 * are queued here, counted until the container has taken them, and written in order by
 * one task at a time on the sender executor (virtual threads when enabled); a peer that
 * does not read holds at most the send buffer limit. The received messages become hook
 * calls through {@link #received}, at most {@link #MAX_UNFINISHED_CALLS} of them waiting
 * at a time.
 */
final class ServletPeerTransport implements PeerTransport {

	private static final Log logger = LogFactory.getLog(ServletPeerTransport.class);

	/**
	 * How many received messages may wait for their hook, as many as WebFlux prefetches.
	 */
	static final int MAX_UNFINISHED_CALLS = Queues.XS_BUFFER_SIZE;

	private final WebSocketSession session;

	private final long limit;

	private final Executor sender;

	private final ScheduledExecutorService scheduler;

	/**
	 * Messages ({@link Outgoing}) and the actions to run once those before them are
	 * written.
	 */
	private final Queue<Object> queue = new ConcurrentLinkedQueue<>();

	/** Bytes queued or being written by the container. */
	private final AtomicLong pendingBytes = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	/**
	 * At most {@link #MAX_UNFINISHED_CALLS} wait here: the queue needs no larger link.
	 */
	private final Sinks.Many<Mono<Void>> hookCalls = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<Mono<Void>>unbounded(MAX_UNFINISHED_CALLS).get());

	/**
	 * Received messages whose hook has not finished; the container's reader waits beyond
	 * them.
	 */
	private final Semaphore unfinishedCalls = new Semaphore(MAX_UNFINISHED_CALLS);

	private final Sinks.One<CloseEvent> closeStatus = Sinks.one();

	private final AtomicBoolean terminated = new AtomicBoolean();

	private volatile Runnable onTerminated = () -> {
	};

	/** Set when a close was asked for: sends are refused from then on. */
	private volatile boolean closing;

	/** Set once the close is sent or the connection is gone: nothing more is written. */
	private volatile boolean finished;

	ServletPeerTransport(WebSocketSession session, long limit, Executor sender, ScheduledExecutorService scheduler) {
		this.session = session;
		this.limit = limit;
		this.sender = sender;
		this.scheduler = scheduler;
	}

	/**
	 * The hook calls of the received messages, in arrival order; completes when the
	 * connection is gone.
	 */
	Flux<Mono<Void>> hookCalls() {
		return this.hookCalls.asFlux();
	}

	/** The close the client sent, or 1006 when the connection ended without one. */
	Mono<CloseEvent> closeStatus() {
		return this.closeStatus.asMono();
	}

	/**
	 * Queues the hook call of a received message; called by the container one message at
	 * a time. When the hooks are that far behind, waits for one to finish: the container
	 * reads no further, so the client is slowed down by TCP instead of filling memory.
	 */
	void received(Mono<Void> call) {
		if (!awaitTurn()) {
			return;
		}
		Mono<Void> counted = call.doFinally((signal) -> this.unfinishedCalls.release());
		Sinks.EmitResult result;
		do {
			result = this.hookCalls.tryEmitNext(counted);
		}
		while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
	}

	/**
	 * Waits for room among the unfinished calls; {@code false} once the connection is
	 * gone.
	 */
	private boolean awaitTurn() {
		try {
			while (!this.unfinishedCalls.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				if (this.terminated.get()) {
					return false;
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The connection is gone: reports its close and ends the hook calls. */
	void closed(CloseEvent event) {
		if (!this.terminated.compareAndSet(false, true)) {
			return;
		}
		this.closeStatus.tryEmitValue(event);
		Sinks.EmitResult result;
		do {
			result = this.hookCalls.tryEmitComplete();
		}
		while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
		this.onTerminated.run();
	}

	@Override
	public boolean writesEncodedFrames() {
		return false;
	}

	@Override
	public long send(ReferenceCounted frame) {
		try {
			if (this.closing) {
				return DROPPED;
			}
			int size = ((ByteBufHolder) frame).content().readableBytes();
			long buffered = this.pendingBytes.get() + size;
			if (buffered > this.limit) {
				return OVER_LIMIT;
			}
			this.pendingBytes.addAndGet(size);
			this.queue.offer(new Outgoing(toMessage(frame), size));
			schedule();
			return buffered;
		}
		finally {
			frame.release();
		}
	}

	private static WebSocketMessage<?> toMessage(ReferenceCounted frame) {
		byte[] bytes = ByteBufUtil.getBytes(((ByteBufHolder) frame).content());
		if (frame instanceof TextWebSocketFrame) {
			return new TextMessage(bytes);
		}
		if (frame instanceof BinaryWebSocketFrame) {
			return new BinaryMessage(bytes);
		}
		if (frame instanceof PingWebSocketFrame) {
			return new PingMessage(ByteBuffer.wrap(bytes));
		}
		if (frame instanceof PongWebSocketFrame) {
			return new PongMessage(ByteBuffer.wrap(bytes));
		}
		throw new IllegalArgumentException("Unsupported frame " + frame);
	}

	@Override
	public long bufferedAmount() {
		return this.pendingBytes.get();
	}

	@Override
	public void whenWritten(Runnable listener) {
		this.queue.offer(listener);
		schedule();
	}

	@Override
	public void closeAfterPending(int code, String reason) {
		this.closing = true;
		this.queue.offer((Runnable) () -> closeSession(code, reason));
		schedule();
	}

	@Override
	public void closeNow(int code, String reason) {
		this.closing = true;
		dropMessages();
		// not behind a send that the client does not take: the container ends that one
		this.sender.execute(() -> closeSession(code, reason));
	}

	private void closeSession(int code, String reason) {
		if (!this.finished) {
			endSession(() -> this.session.close(new CloseStatus(code, reason)));
		}
	}

	/** Ends the session, by a close or a drop; nothing is written after it. */
	private void endSession(SessionEnd end) {
		this.finished = true;
		try {
			end.run();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not end WebSocket session " + this.session.getId(), ex);
		}
	}

	/**
	 * Ends the connection at once: the close hook sees 1006 right away and the container
	 * drops the connection without waiting for the client's Close frame
	 * ({@link ConnectionDrop}).
	 */
	@Override
	public void terminate() {
		this.closing = true;
		// not on the caller's thread, which may be the liveness scheduler all peers share
		this.sender.execute(() -> {
			closed(new CloseEvent(CloseEvent.ABNORMAL, ""));
			// even when the peer's end has released the queue (finished): the drop is
			// what frees the socket
			endSession(() -> ConnectionDrop.drop(this.session));
		});
	}

	@Override
	public void releaseQueued() {
		this.closing = true;
		this.finished = true;
		dropMessages();
	}

	/**
	 * Drops the queued messages; the actions still run, so no drain listener waits for
	 * ever.
	 */
	private void dropMessages() {
		for (Object item : this.queue) {
			if (item instanceof Outgoing outgoing && this.queue.remove(item)) {
				this.pendingBytes.addAndGet(-outgoing.size());
			}
		}
		schedule();
	}

	@Override
	public ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	@Override
	public void onTerminated(Runnable action) {
		this.onTerminated = action;
		if (this.terminated.get()) {
			action.run();
		}
	}

	private void schedule() {
		if (this.wip.getAndIncrement() == 0) {
			this.sender.execute(this::drain);
		}
	}

	/** Writes what is queued, one item at a time, on the sender executor. */
	private void drain() {
		int missed = 1;
		for (;;) {
			Object item;
			while ((item = this.queue.poll()) != null) {
				if (item instanceof Outgoing outgoing) {
					write(outgoing);
				}
				else {
					((Runnable) item).run();
				}
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void write(Outgoing outgoing) {
		try {
			if (!this.finished) {
				this.session.sendMessage(outgoing.message());
			}
		}
		catch (IOException | RuntimeException ex) {
			// the connection is going; the container reports its close
			this.finished = true;
			if (logger.isDebugEnabled()) {
				logger.debug("Could not send to WebSocket session " + this.session.getId(), ex);
			}
		}
		finally {
			this.pendingBytes.addAndGet(-outgoing.size());
		}
	}

	/**
	 * A message waiting for the container.
	 *
	 * @param message the message
	 * @param size its payload size
	 */
	private record Outgoing(WebSocketMessage<?> message, int size) {
	}

	private interface SessionEnd {

		void run() throws IOException;

	}

}
