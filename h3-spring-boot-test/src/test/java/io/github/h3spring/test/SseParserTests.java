package io.github.h3spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTests {

	private final List<TestServerSentEvent> events = new ArrayList<>();

	private final List<String> comments = new ArrayList<>();

	private final SseParser parser = new SseParser(this.events::add, this.comments::add);

	@Test
	void eventFieldsAreReadAndMultiLineDataIsJoined() {
		feed("id: 7\nevent: tick\nretry: 2500\ndata: first\ndata:second\n\n");
		assertThat(this.events)
			.containsExactly(new TestServerSentEvent("7", "tick", "first\nsecond", Duration.ofMillis(2500)));
	}

	@Test
	void eventsWithoutANameAreMessagesAndFieldsDoNotCarryOver() {
		feed("id: 1\nevent: tick\ndata: a\n\ndata: b\n\n");
		assertThat(this.events).containsExactly(new TestServerSentEvent("1", "tick", "a", null),
				new TestServerSentEvent(null, "message", "b", null));
		assertThat(this.parser.lastEventId()).isEqualTo("1");
	}

	@Test
	void crLfAndLoneCrEndLinesEvenWhenSplitAcrossChunks() {
		feed("data: one\r");
		feed("\n\r\n");
		feed("data: two\r\rdata: three\n\n");
		assertThat(this.events).extracting(TestServerSentEvent::data).containsExactly("one", "two", "three");
	}

	@Test
	void multiByteCharactersSplitAcrossChunksAreDecodedWhole() {
		byte[] bytes = "data: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
		for (int split = 1; split < bytes.length; split++) {
			this.parser.feed(Arrays.copyOfRange(bytes, 0, split));
			this.parser.feed(Arrays.copyOfRange(bytes, split, bytes.length));
		}
		assertThat(this.events).hasSize(bytes.length - 1)
			.allSatisfy((event) -> assertThat(event.data()).isEqualTo("héllo ✓"));
	}

	@Test
	void commentsAreKeptApartAndBlocksWithoutDataDispatchNothing() {
		feed(": keep-alive\n\nretry: 3000\nid: 42\n\n:\n\n");
		assertThat(this.events).isEmpty();
		assertThat(this.comments).containsExactly("keep-alive", "");
		assertThat(this.parser.reconnectionTime()).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.parser.lastEventId()).isEqualTo("42");
	}

	@Test
	void emptyDataLineDispatchesAnEmptyEvent() {
		feed("data\n\ndata:\n\n");
		assertThat(this.events).extracting(TestServerSentEvent::data).containsExactly("", "");
	}

	@Test
	void invalidRetryUnknownFieldsAndLeadingByteOrderMarkAreIgnored() {
		feed("\uFEFFretry: soon\nfoo: bar\ndata: x\n\n");
		assertThat(this.events).containsExactly(new TestServerSentEvent(null, "message", "x", null));
	}

	@Test
	void anUnterminatedEventIsNotDispatched() {
		feed("data: complete\n\ndata: partial\n");
		assertThat(this.events).extracting(TestServerSentEvent::data).containsExactly("complete");
	}

	private void feed(String text) {
		this.parser.feed(text.getBytes(StandardCharsets.UTF_8));
	}

}
