package io.github.h3spring.internal.websocket;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import reactor.util.concurrent.Queues;

/**
 * The peers of one event loop that other threads queued frames for, written by one task
 * on that loop: a publish from another thread to thousands of peers hands off one task
 * per event loop, not one per peer, while each frame already has its place in its peer's
 * queue.
 */
final class DrainBatch implements Runnable {

	private static final FastThreadLocal<DrainBatch> BATCHES = new FastThreadLocal<>();

	private final EventLoop loop;

	private final Queue<PeerOutbound> pending = Queues.<PeerOutbound>unboundedMultiproducer().get();

	private final AtomicInteger wip = new AtomicInteger();

	private DrainBatch(EventLoop loop) {
		this.loop = loop;
	}

	/** The batch of {@code loop}; one of its own when called from another thread. */
	static DrainBatch of(EventLoop loop) {
		if (!loop.inEventLoop()) {
			return new DrainBatch(loop);
		}
		DrainBatch batch = BATCHES.getIfExists();
		if (batch == null) {
			batch = new DrainBatch(loop);
			BATCHES.set(batch);
		}
		return batch;
	}

	/** Has {@code outbound} drain its queue on the event loop soon; from any thread. */
	void add(PeerOutbound outbound) {
		this.pending.offer(outbound);
		if (this.wip.getAndIncrement() == 0) {
			this.loop.execute(this);
		}
	}

	@Override
	public void run() {
		int missed = 1;
		for (;;) {
			PeerOutbound outbound;
			while ((outbound = this.pending.poll()) != null) {
				outbound.drainQueue();
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

}
