package io.github.h3spring.internal.pubsub.backplane;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogCursorTests {

	private final List<String> delivered = new ArrayList<>();

	private final LogCursor<Long> cursor = new LogCursor<>((bytes) -> this.delivered.add(new String(bytes)));

	@Test
	void theFirstConnectionStartsAtTheBaselineAndDeliversWhatFollows() {
		this.cursor.baseline(10L);
		this.cursor.live(10L, bytes("old"));
		this.cursor.live(11L, bytes("new"));
		assertThat(this.delivered).containsExactly("new");
		assertThat(this.cursor.position()).isEqualTo(11L);
	}

	@Test
	void liveMessagesDuringAReplayWaitAndWhatBothDeliveredArrivesOnce() {
		this.cursor.baseline(0L);
		this.cursor.live(1L, bytes("a"));
		this.cursor.startReplay();
		this.cursor.live(3L, bytes("c"));
		this.cursor.live(4L, bytes("d"));
		this.cursor.replayed(1L, bytes("a"));
		this.cursor.replayed(2L, bytes("b"));
		this.cursor.replayed(3L, bytes("c"));
		this.cursor.endReplay();
		this.cursor.live(5L, bytes("e"));
		assertThat(this.delivered).containsExactly("a", "b", "c", "d", "e");
	}

	@Test
	void aLaterBaselineDoesNotMoveACursorThatAlreadyDelivered() {
		this.cursor.baseline(1L);
		this.cursor.live(2L, bytes("x"));
		this.cursor.baseline(9L);
		assertThat(this.cursor.position()).isEqualTo(2L);
	}

	private static byte[] bytes(String text) {
		return text.getBytes();
	}

}
