package io.github.h3spring.internal.websocket;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Ping/pong liveness of one peer: a peer silent for half the idle timeout is pinged, one
 * silent for the whole timeout is dropped, so half-open TCP connections do not pile up. Any
 * frame (a pong, a message) counts as a sign of life.
 * <p>
 * The check runs four times per timeout. Run twice, a peer that answers each ping at once
 * would be pinged only every other check and found silent for the timeout less its round
 * trip: a check a little late (a busy event loop) would drop it. Four times, a healthy
 * peer is silent for at most three quarters of the timeout when checked.
 */
final class LivenessCheck {

	private final long timeoutNanos;

	private volatile long lastFrameNanos = System.nanoTime();

	private volatile @Nullable ScheduledFuture<?> task;

	LivenessCheck(Duration idleTimeout) {
		this.timeoutNanos = idleTimeout.toNanos();
	}

	/** Starts checking on the peer's scheduler (its event loop on Netty); does nothing when the timeout is zero. */
	void start(ScheduledExecutorService scheduler, Runnable ping, Runnable drop) {
		if (this.timeoutNanos <= 0) {
			return;
		}
		long pingAfter = this.timeoutNanos / 2;
		long period = this.timeoutNanos / 4;
		this.task = scheduler.scheduleAtFixedRate(() -> {
			long silent = System.nanoTime() - this.lastFrameNanos;
			if (silent >= this.timeoutNanos) {
				drop.run();
			}
			else if (silent >= pingAfter) {
				ping.run();
			}
		}, period, period, TimeUnit.NANOSECONDS);
	}

	void frameReceived() {
		this.lastFrameNanos = System.nanoTime();
	}

	void stop() {
		ScheduledFuture<?> scheduled = this.task;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

}
