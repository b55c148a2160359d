package io.github.h3spring.internal.pubsub.backplane;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class LogCursorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<String> delivered = new ArrayList<>();

	private final LogCursor<Long> cursor = new LogCursor<>((bytes) -> this.delivered.add(text(bytes)));

	private final FakeLog log = new FakeLog();

	@Test
	void aPublishThatLandsWhileTheFirstConnectionSubscribesIsDeliveredOnce() {
		this.log.publish("before the start");
		Mono<Void> subscribe = this.log.subscribe()
			.then(Mono.fromRunnable(() -> this.log.publish("while subscribing")));
		connect(this.log.newest(), subscribe);
		this.log.publish("after");
		assertThat(this.delivered).containsExactly("while subscribing", "after");
	}

	@Test
	void aPublishThatLandsBetweenTheStartAndTheSubscriptionIsReadFromTheLog() {
		Mono<Long> newest = this.log.newest().doOnNext((position) -> this.log.publish("before subscribing"));
		connect(newest, this.log.subscribe());
		this.log.publish("after");
		assertThat(this.delivered).containsExactly("before subscribing", "after");
	}

	@Test
	void theFirstConnectionStartsAtTheNewestEntryOfTheLog() {
		this.log.publish("old");
		this.log.publish("older");
		connect(this.log.newest(), this.log.subscribe());
		this.log.publish("new");
		assertThat(this.delivered).containsExactly("new");
		assertThat(this.cursor.position()).isEqualTo(3L);
	}

	@Test
	void liveMessagesDuringACatchUpWaitAndWhatBothDeliverArrivesOnce() {
		connect(this.log.newest(), this.log.subscribe());
		this.log.publish("a");
		this.log.unsubscribe();
		this.cursor.lost();
		this.log.publish("b");
		Mono<Void> subscribe = this.log.subscribe().then(Mono.fromRunnable(() -> {
			this.log.publish("c");
			this.log.publish("d");
		}));
		connect(Mono.error(new AssertionError("read the newest position again")), subscribe);
		this.log.publish("e");
		assertThat(this.delivered).containsExactly("a", "b", "c", "d", "e");
	}

	@Test
	void aCatchUpThatFailsHalfWayDoesNotDeliverTheLiveMessagesPastWhatItRead() {
		connect(this.log.newest(), this.log.subscribe());
		this.log.publish("a");
		this.log.unsubscribe();
		this.cursor.lost();
		this.log.publish("b");
		this.log.publish("c");
		Mono<Void> subscribe = this.log.subscribe().then(Mono.fromRunnable(() -> this.log.publish("d")));
		StepVerifier
			.create(this.cursor.catchUp(this.log.newest(), subscribe, (from) -> this.log.replayOne(from, this.cursor)))
			.expectErrorMessage("replay interrupted")
			.verify(TIMEOUT);
		this.log.publish("lost with the catch-up");
		assertThat(this.delivered).containsExactly("a", "b");
		connect(this.log.newest(), this.log.subscribe());
		assertThat(this.delivered).containsExactly("a", "b", "c", "d", "lost with the catch-up");
	}

	@Test
	void aCatchUpDuringWhichTheSubscriptionIsLostFailsAndTheNextOneDeliversEverything() {
		connect(this.log.newest(), this.log.subscribe());
		Mono<Void> subscribe = this.log.subscribe().then(Mono.fromRunnable(() -> {
			this.log.publish("a");
			this.log.unsubscribe();
			this.cursor.lost();
			this.log.publish("b");
		}));
		StepVerifier.create(this.cursor.catchUp(this.log.newest(), subscribe, this::replay))
			.expectErrorMessage("The subscription was lost while catching up with the log")
			.verify(TIMEOUT);
		assertThat(this.delivered).containsExactly("a", "b");
		this.log.publish("c");
		this.cursor.live(3L, bytes("c"));
		assertThat(this.delivered).as("not live before a catch-up succeeds").containsExactly("a", "b");
		connect(this.log.newest(), this.log.subscribe());
		assertThat(this.delivered).containsExactly("a", "b", "c");
	}

	@Test
	void aMessageDeliveredTwiceLiveArrivesOnce() {
		connect(this.log.newest(), this.log.subscribe());
		this.cursor.live(1L, bytes("x"));
		this.cursor.live(1L, bytes("x"));
		this.cursor.live(2L, bytes("y"));
		this.cursor.live(1L, bytes("x"));
		assertThat(this.delivered).containsExactly("x", "y");
	}

	private void connect(Mono<Long> newest, Mono<Void> subscribe) {
		StepVerifier.create(this.cursor.catchUp(newest, subscribe, this::replay)).expectComplete().verify(TIMEOUT);
	}

	private Mono<Void> replay(Long from) {
		return Mono.fromRunnable(() -> this.log.entriesFrom(from)
			.forEach((position, entry) -> this.cursor.replayed(position, bytes(entry))));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * A replay log and its subscription, as a server keeps them: every publish goes to
	 * both.
	 */
	private final class FakeLog {

		private final TreeMap<Long, String> entries = new TreeMap<>();

		private boolean subscribed;

		void publish(String text) {
			long position = this.entries.isEmpty() ? 1 : this.entries.lastKey() + 1;
			this.entries.put(position, text);
			if (this.subscribed) {
				LogCursorTests.this.cursor.live(position, bytes(text));
			}
		}

		Mono<Long> newest() {
			return Mono.fromCallable(() -> this.entries.isEmpty() ? 0L : this.entries.lastKey());
		}

		Mono<Void> subscribe() {
			return Mono.fromRunnable(() -> this.subscribed = true);
		}

		void unsubscribe() {
			this.subscribed = false;
		}

		Map<Long, String> entriesFrom(long position) {
			return this.entries.tailMap(position, true);
		}

		/**
		 * Reads one entry past the given position, then fails as a lost connection would.
		 */
		Mono<Void> replayOne(long from, LogCursor<Long> cursor) {
			return Mono.fromRunnable(() -> {
				Map.Entry<Long, String> next = this.entries.higherEntry(from);
				cursor.replayed(next.getKey(), bytes(next.getValue()));
				throw new IllegalStateException("replay interrupted");
			});
		}

	}

}
