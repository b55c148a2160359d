package io.github.h3spring.internal.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order, the overlap and the demand of a peer's hook lane, driven call by call.
 */
class HookLaneSchedulingTests {

	private final HookLane lane = new HookLane();

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final TestPublisher<Mono<Void>> frames = TestPublisher.createCold();

	private final AtomicBoolean ended = new AtomicBoolean();

	@Test
	void framesAndOtherCallsWaitForTheRunningCallAndTheEndWaitsForAll() {
		Sinks.Empty<Void> open = Sinks.empty();
		Sinks.Empty<Void> message = Sinks.empty();
		this.lane.start(logged("open", open.asMono()), this.frames.flux(), this::end);
		this.frames.next(logged("frame 1", message.asMono()));
		this.frames.next(Mono.fromRunnable(() -> this.log.add("frame 2")));
		// no frame is read before the open hook has finished
		assertThat(this.frames.wasSubscribed()).isFalse();

		open.tryEmitEmpty();
		this.lane.submit(Mono.fromRunnable(() -> this.log.add("drain")));
		this.frames.complete();
		assertThat(this.log).containsExactly("open starts", "open ends", "frame 1 starts");
		assertThat(this.ended).isFalse();

		message.tryEmitEmpty();
		assertThat(this.log).containsExactly("open starts", "open ends", "frame 1 starts", "frame 1 ends", "frame 2",
				"drain", "end");
	}

	@Test
	void callsFinishingOnOtherThreadsNeverOverlap() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicInteger finished = new AtomicInteger();
		int calls = 2_000;
		CountDownLatch end = new CountDownLatch(1);
		this.lane.start(Mono.empty(), this.frames.flux(), end::countDown);
		for (int i = 0; i < calls; i++) {
			Mono<Void> call = Mono.fromRunnable(() -> {
				if (running.incrementAndGet() > 1) {
					overlaps.incrementAndGet();
				}
				// a few microseconds of work, so that overlapping calls would meet
				long until = System.nanoTime() + 20_000;
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				running.decrementAndGet();
				finished.incrementAndGet();
			}).subscribeOn(Schedulers.parallel()).then();
			if (i % 2 == 0) {
				this.frames.next(call);
			}
			else {
				this.lane.submit(call);
			}
		}
		this.frames.complete();
		assertThat(end.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(finished).hasValue(calls);
		assertThat(overlaps).hasValue(0);
	}

	@Test
	void framesAreAskedForAFewAtATimeAsTheirCallsFinish() {
		AtomicLong requested = new AtomicLong();
		TestPublisher<Mono<Void>> source = TestPublisher.create();
		this.lane.start(Mono.empty(), source.flux().doOnRequest(requested::addAndGet), this::end);
		assertThat(requested).hasValue(HookLane.PREFETCH);

		Sinks.Empty<Void> slow = Sinks.empty();
		source.next(slow.asMono());
		for (int i = 1; i < HookLane.PREFETCH; i++) {
			source.next(Mono.empty());
		}
		// one hook is slow: the rest wait in the lane, and no frame more is read
		assertThat(requested).hasValue(HookLane.PREFETCH);

		slow.tryEmitEmpty();
		assertThat(requested.get()).isGreaterThan(HookLane.PREFETCH);
	}

	@Test
	void whenTheConnectionIsGoneTheRunningCallFinishesBeforeTheEndAndLaterCallsAreDropped() {
		Sinks.Empty<Void> running = Sinks.empty();
		this.lane.start(Mono.empty(), this.frames.flux(), this::end);
		this.frames.next(logged("message", running.asMono()));
		this.frames.next(Mono.fromRunnable(() -> this.log.add("queued frame")));

		this.lane.endFrames();
		this.frames.assertCancelled();
		this.lane.submit(Mono.fromRunnable(() -> this.log.add("late drain")));
		assertThat(this.ended).isFalse();

		running.tryEmitEmpty();
		assertThat(this.log).containsExactly("message starts", "message ends", "queued frame", "end");
	}

	@Test
	void aCallThatFailsDoesNotStopTheLane() {
		this.lane.start(Mono.error(new IllegalStateException("escaped the hooks")), this.frames.flux(), this::end);
		this.frames.next(Mono.fromRunnable(() -> this.log.add("frame")));
		this.frames.complete();
		assertThat(this.log).containsExactly("frame", "end");
	}

	@Test
	void aLaneWhoseConnectionWentBeforeItStartedRunsItsFirstCallAndEnds() {
		this.lane.endFrames();
		this.lane.start(Mono.fromRunnable(() -> this.log.add("open")), this.frames.flux(), this::end);
		this.frames.assertCancelled();
		assertThat(this.log).containsExactly("open", "end");
	}

	private Mono<Void> logged(String name, Mono<Void> call) {
		return Mono.defer(() -> {
			this.log.add(name + " starts");
			return call.doOnSuccess((ignored) -> this.log.add(name + " ends"));
		});
	}

	private void end() {
		this.log.add("end");
		this.ended.set(true);
	}

}
