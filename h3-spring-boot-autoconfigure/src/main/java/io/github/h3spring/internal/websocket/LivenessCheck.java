package io.github.h3spring.internal.websocket;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Ping/pong liveness of one peer: a peer silent for half the idle timeout is pinged, one
 * silent for the whole timeout is dropped, so half-open TCP connections do not pile up.
 * Any frame (a pong, a message) counts as a sign of life.
 * <p>
 * The check runs four times per timeout. Run twice, a peer that answers each ping at once
 * would be pinged only every other check and found silent for the timeout less its round
 * trip: a check a little late (a busy event loop) would drop it. Four times, a healthy
 * peer is silent for at most three quarters of the timeout when checked.
 */
final class LivenessCheck {

	/** What a check finds. */
	enum Verdict {

		/** Heard from recently enough. */
		ALIVE,

		/** Silent for half the timeout: ping it. */
		PING,

		/** Silent for the whole timeout: drop it. */
		DROP

	}

	private final long timeoutNanos;

	private final LongSupplier clock;

	private volatile long lastFrameNanos;

	private volatile @Nullable ScheduledFuture<?> task;

	LivenessCheck(Duration idleTimeout) {
		this(idleTimeout, System::nanoTime);
	}

	LivenessCheck(Duration idleTimeout, LongSupplier clock) {
		this.timeoutNanos = idleTimeout.toNanos();
		this.clock = clock;
		this.lastFrameNanos = clock.getAsLong();
	}

	/**
	 * Starts checking on the peer's scheduler (its event loop on Netty); does nothing
	 * when the timeout is zero.
	 */
	void start(ScheduledExecutorService scheduler, Runnable ping, Runnable drop) {
		if (this.timeoutNanos <= 0) {
			return;
		}
		long period = periodNanos();
		this.task = scheduler.scheduleAtFixedRate(() -> {
			switch (check()) {
				case PING -> ping.run();
				case DROP -> drop.run();
				case ALIVE -> {
				}
			}
		}, period, period, TimeUnit.NANOSECONDS);
	}

	long periodNanos() {
		return this.timeoutNanos / 4;
	}

	Verdict check() {
		long silent = this.clock.getAsLong() - this.lastFrameNanos;
		if (silent >= this.timeoutNanos) {
			return Verdict.DROP;
		}
		return (silent >= this.timeoutNanos / 2) ? Verdict.PING : Verdict.ALIVE;
	}

	void frameReceived() {
		this.lastFrameNanos = this.clock.getAsLong();
	}

	void stop() {
		ScheduledFuture<?> scheduled = this.task;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

}
