package io.github.h3spring.internal.websocket;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * Runs the hook calls of one peer one at a time, in the order they come: a first call,
 * then the calls of the received frames with the calls no frame starts ({@code drain},
 * the error of a failed {@code send(Publisher)}) in between, then, once the frames have
 * ended and every call has finished, the end action (the close hook).
 * <p>
 * It stands where a merge and a {@code concatMap} stood, because it is on the path of
 * every message: an inline hook's call, which has finished by the time it arrives
 * ({@code Mono.empty()}), is neither queued nor subscribed to, and the lane is one small
 * object per peer instead of a chain of operators whose code the JIT must compile before
 * a fresh server runs at full speed. Frames are asked of the transport {@link #PREFETCH}
 * ahead of their calls, so a peer whose hooks fall behind is read no further.
 * <p>
 * The lane subscribes to the frames itself, apart from the transport's subscription to
 * the peer: when the transport cancels that one (the connection was dropped), a running
 * hook still finishes before the end action runs.
 */
final class HookLane implements CoreSubscriber<Mono<Void>> {

	private static final Log logger = LogFactory.getLog(HookLane.class);

	/** Frames asked of the transport ahead of their calls, as WebFlux prefetches. */
	static final int PREFETCH = Queues.XS_BUFFER_SIZE;

	/** Finished frame calls after which the lane asks for as many more frames. */
	private static final int REPLENISH = PREFETCH - (PREFETCH >> 2);

	/** What an inline hook returns: a call that has finished already. */
	private static final Mono<Void> FINISHED = Mono.empty();

	private static final AtomicIntegerFieldUpdater<HookLane> WIP = AtomicIntegerFieldUpdater.newUpdater(HookLane.class,
			"wip");

	/**
	 * Calls waiting for their turn: a frame's {@code Mono}, or an {@link OtherCall}.
	 */
	private final Queue<Object> queue = Queues.unboundedMultiproducer().get();

	private volatile int wip;

	private volatile @Nullable Subscription frames;

	/** Set when the frames have ended: calls no frame starts are dropped from then on. */
	private volatile boolean framesEnded;

	/**
	 * Set by {@link #start}: a lane whose connection went before it started waits for it.
	 */
	private volatile @Nullable Runnable atEnd;

	// read and written only by the thread that holds wip

	private @Nullable RunningCall running;

	private int finishedFrames;

	private boolean ended;

	/**
	 * Starts the lane: {@code first}, then the calls of {@code frameCalls} as they come;
	 * {@code atEnd} runs once they have ended and every call has finished. No frame is
	 * asked for before {@code first} has finished, so a frame that breaks the protocol is
	 * answered after what the open hook sent.
	 */
	void start(Mono<Void> first, Flux<Mono<Void>> frameCalls, Runnable atEnd) {
		this.atEnd = atEnd;
		this.queue.offer(new OtherCall(first.doFinally((signal) -> frameCalls.subscribe(this))));
		drain();
	}

	/**
	 * Queues a call that no frame starts behind those in the lane; dropped once the
	 * frames have ended.
	 */
	void submit(Mono<Void> call) {
		if (this.framesEnded) {
			return;
		}
		this.queue.offer(new OtherCall(call));
		drain();
	}

	/**
	 * The connection is gone: no more frames are read, and the lane ends once the calls
	 * already queued have run.
	 */
	void endFrames() {
		this.framesEnded = true;
		Subscription subscription = this.frames;
		if (subscription != null) {
			subscription.cancel();
		}
		drain();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (!Operators.validate(this.frames, subscription)) {
			return;
		}
		this.frames = subscription;
		if (this.framesEnded) {
			subscription.cancel();
			return;
		}
		subscription.request(PREFETCH);
	}

	@Override
	public void onNext(Mono<Void> call) {
		if (this.framesEnded) {
			return;
		}
		// the common case: nothing runs or waits, so the call starts without a queue
		if (WIP.compareAndSet(this, 0, 1)) {
			if (this.running == null && this.queue.isEmpty()) {
				run(call);
			}
			else {
				this.queue.offer(call);
			}
			drainLoop();
			return;
		}
		this.queue.offer(call);
		drain();
	}

	@Override
	public void onError(Throwable error) {
		// transports turn their errors into calls; one that gets here ends the frames
		logger.debug("The frames of a WebSocket peer ended with an error", error);
		onComplete();
	}

	@Override
	public void onComplete() {
		this.framesEnded = true;
		drain();
	}

	private void drain() {
		if (WIP.getAndIncrement(this) == 0) {
			drainLoop();
		}
	}

	private void drainLoop() {
		int missed = 1;
		for (;;) {
			RunningCall call = this.running;
			if (call != null && call.finished) {
				this.running = null;
				finished(call.frame);
			}
			Object next;
			while (this.running == null && (next = this.queue.poll()) != null) {
				run(next);
			}
			Runnable end = this.atEnd;
			if (end != null && this.running == null && this.framesEnded && !this.ended && this.queue.isEmpty()) {
				this.ended = true;
				end.run();
			}
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				return;
			}
		}
	}

	/** Runs a queued item; called only by the thread that holds wip. */
	@SuppressWarnings("unchecked")
	private void run(Object item) {
		boolean frame = !(item instanceof OtherCall);
		Mono<Void> call = frame ? (Mono<Void>) item : ((OtherCall) item).call();
		if (call != FINISHED) {
			RunningCall subscriber = new RunningCall(frame);
			this.running = subscriber;
			call.subscribe(subscriber);
			if (!subscriber.finished) {
				return;
			}
			this.running = null;
		}
		finished(frame);
	}

	private void finished(boolean frame) {
		if (frame && ++this.finishedFrames == REPLENISH) {
			this.finishedFrames = 0;
			Subscription subscription = this.frames;
			if (subscription != null) {
				subscription.request(REPLENISH);
			}
		}
	}

	/** A call that no frame started. */
	private record OtherCall(Mono<Void> call) {
	}

	/** The call that holds the lane until it completes. */
	private final class RunningCall implements CoreSubscriber<Void> {

		private final boolean frame;

		private volatile boolean finished;

		RunningCall(boolean frame) {
			this.frame = frame;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Void value) {
		}

		@Override
		public void onError(Throwable error) {
			// the hooks report their own errors; this one escaped them
			logger.warn("A WebSocket hook call failed", error);
			onComplete();
		}

		@Override
		public void onComplete() {
			this.finished = true;
			drain();
		}

	}

}
