package io.github.h3spring.internal.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.h3spring.internal.websocket.LivenessCheck.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of a liveness check as its scheduler runs them, on a clock of the test's.
 */
class LivenessCheckTests {

	private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

	private static final long ROUND_TRIP = TimeUnit.MILLISECONDS.toNanos(1);

	private final AtomicLong now = new AtomicLong();

	private final LivenessCheck liveness = new LivenessCheck(Duration.ofNanos(TIMEOUT), this.now::get);

	/**
	 * Every third check 2 ms late, more than the pong's round trip: checked only twice
	 * per timeout, the peer was pinged every other check, found silent for the timeout
	 * less the round trip by the next but one, and dropped when that one ran late.
	 */
	@Test
	void aPeerThatAnswersEveryPingIsNeverDroppedByALateCheck() {
		List<Verdict> verdicts = new ArrayList<>();
		long pongAt = -1;
		for (int check = 1; check <= 100; check++) {
			long at = check * this.liveness.periodNanos() + ((check % 3 == 0) ? TimeUnit.MILLISECONDS.toNanos(2) : 0);
			if (pongAt >= 0 && pongAt <= at) {
				this.now.set(pongAt);
				this.liveness.frameReceived();
				pongAt = -1;
			}
			this.now.set(at);
			Verdict verdict = this.liveness.check();
			verdicts.add(verdict);
			if (verdict == Verdict.PING) {
				pongAt = at + ROUND_TRIP;
			}
		}
		assertThat(verdicts).doesNotContain(Verdict.DROP).contains(Verdict.PING);
	}

	@Test
	void aSilentPeerIsPingedAtHalfTheTimeoutAndDroppedAtTheTimeout() {
		this.now.set(TIMEOUT / 2 - 1);
		assertThat(this.liveness.check()).isEqualTo(Verdict.ALIVE);
		this.now.set(TIMEOUT / 2);
		assertThat(this.liveness.check()).isEqualTo(Verdict.PING);
		this.now.set(TIMEOUT);
		assertThat(this.liveness.check()).isEqualTo(Verdict.DROP);
	}

	@Test
	void anyFrameCountsAsASignOfLife() {
		this.now.set(TIMEOUT - 1);
		this.liveness.frameReceived();
		this.now.set(TIMEOUT + TIMEOUT / 4);
		assertThat(this.liveness.check()).isEqualTo(Verdict.ALIVE);
	}

	@Test
	void itChecksFourTimesPerTimeout() {
		assertThat(this.liveness.periodNanos()).isEqualTo(TIMEOUT / 4);
	}

}
