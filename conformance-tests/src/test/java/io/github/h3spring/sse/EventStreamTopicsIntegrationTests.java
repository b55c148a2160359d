package io.github.h3spring.sse;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.h3spring.sse.StreamReading.awaitNoticedGone;
import static io.github.h3spring.sse.StreamReading.next;
import static io.github.h3spring.sse.StreamReading.nextData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = SseTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "h3.sse.replay-buffer-size=5")
class EventStreamTopicsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SseTestApplication.Streams streams;

	@Autowired
	WebSocketHub hub;

	H3TestClient client;

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forPort(this.port);
	}

	@Test
	void aWebSocketPeersPublishReachesTheStreamsOfThatTopic() {
		try (TestEventStream news = this.client.sse("/sse?name=news&topics=news");
				TestEventStream other = this.client.sse("/sse?name=other&topics=other");
				TestWebSocket publisher = this.client.connect("/publisher")) {
			publisher.send("news:first\nsecond line");
			publisher.send("other:for the other stream");
			publisher.send("news:again");
			List<TestServerSentEvent> received = next(news, 2);
			assertThat(received).extracting(TestServerSentEvent::data).containsExactly("first\nsecond line", "again");
			assertThat(received).allSatisfy((event) -> assertThat(event.id()).isNotBlank());
			assertThat(other.nextData()).isEqualTo("for the other stream");
		}
	}

	@Test
	void hubPublishesArriveAsTextJsonAndBase64() {
		try (TestEventStream stream = this.client.sse("/sse?name=payloads&topics=payloads")) {
			this.hub.publish("payloads", "text");
			this.hub.publish("payloads", Map.of("count", 3));
			this.hub.publish("payloads", new byte[] { 1, 2, 3 });
			assertThat(nextData(stream, 3)).containsExactly("text", "{\"count\":3}",
					Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 }));
		}
	}

	@Test
	void oneStreamHearsSeveralTopicsAndLeavesThemWhenItCloses() {
		try (TestEventStream stream = this.client.sse("/sse?name=multi&topics=red,blue")) {
			EventStream events = this.streams.get("multi");
			this.hub.publish("red", "r1");
			this.hub.publish("blue", "b1");
			this.hub.publish("green", "g1");
			assertThat(nextData(stream, 2)).containsExactly("r1", "b1");
			events.unsubscribe("red");
			this.hub.publish("red", "r2");
			this.hub.publish("blue", "b2");
			assertThat(stream.nextData()).isEqualTo("b2");
		}
		awaitNoticedGone(this.streams.get("multi"));
	}

	@Test
	void aReconnectingClientReceivesWhatItMissedInOrderWithoutDuplicates() {
		String lastSeen;
		try (TestEventStream first = this.client.sse("/sse?name=resume-1&topics=resume")) {
			this.hub.publish("resume", "1");
			this.hub.publish("resume", "2");
			lastSeen = next(first, 2).get(1).id();
		}
		awaitNoticedGone(this.streams.get("resume-1"));
		this.hub.publish("resume", "3");
		this.hub.publish("resume", "4");
		try (TestEventStream second = this.client.sse("/sse?name=resume-2&topics=resume",
				(headers) -> headers.set("Last-Event-ID", lastSeen))) {
			assertThat(this.streams.get("resume-2").lastEventId()).isEqualTo(lastSeen);
			this.hub.publish("resume", "5");
			List<TestServerSentEvent> replayed = next(second, 3);
			assertThat(replayed).extracting(TestServerSentEvent::data).containsExactly("3", "4", "5");
			assertThat(replayed).extracting(TestServerSentEvent::id).doesNotHaveDuplicates().doesNotContain(lastSeen);
		}
	}

	@Test
	void severalTopicsReplayInPublishOrder() {
		String lastSeen;
		try (TestEventStream first = this.client.sse("/sse?name=pair-1&topics=left,right")) {
			this.hub.publish("left", "l1");
			lastSeen = first.next().id();
		}
		awaitNoticedGone(this.streams.get("pair-1"));
		this.hub.publish("right", "r1");
		this.hub.publish("left", "l2");
		this.hub.publish("right", "r2");
		try (TestEventStream second = this.client.sse("/sse?name=pair-2&topics=left,right",
				(headers) -> headers.set("Last-Event-ID", lastSeen))) {
			assertThat(nextData(second, 3)).containsExactly("r1", "l2", "r2");
		}
	}

	@Test
	void aTooOldLastEventIdGetsAResetEventInsteadOfASilentGap() {
		String lastSeen;
		try (TestEventStream first = this.client.sse("/sse?name=old-1&topics=old")) {
			this.hub.publish("old", "0");
			lastSeen = first.next().id();
		}
		awaitNoticedGone(this.streams.get("old-1"));
		for (int i = 1; i <= 6; i++) {
			this.hub.publish("old", String.valueOf(i));
		}
		try (TestEventStream second = this.client.sse("/sse?name=old-2&topics=old",
				(headers) -> headers.set("Last-Event-ID", lastSeen))) {
			TestServerSentEvent reset = second.next();
			assertThat(reset.event()).isEqualTo(EventStream.RESET_EVENT);
			assertThat(reset.data()).isEqualTo(lastSeen);
			this.hub.publish("old", "7");
			assertThat(second.nextData()).isEqualTo("7");
			// the reset carries the current position: resuming from it replays nothing
			// twice
			String position = reset.id();
			try (TestEventStream third = this.client.sse("/sse?name=old-3&topics=old",
					(headers) -> headers.set("Last-Event-ID", position))) {
				assertThat(third.nextData()).isEqualTo("7");
			}
		}
	}

	@Test
	void anUnknownLastEventIdGetsAResetEvent() {
		try (TestEventStream stream = this.client.sse("/sse?name=unknown&topics=unknown",
				(headers) -> headers.set("Last-Event-ID", "from-another-server-17"))) {
			assertThat(stream.next()).extracting(TestServerSentEvent::event, TestServerSentEvent::data)
				.containsExactly(EventStream.RESET_EVENT, "from-another-server-17");
		}
	}

	@Test
	void streamsWithAReplayKeyResumeTheirOwnIds() {
		try (TestEventStream stay = this.client.sse("/sse?name=key-stay&replayKey=prices")) {
			TestEventStream leave = this.client.sse("/sse?name=key-leave&replayKey=prices");
			broadcast(List.of("key-stay", "key-leave"), "e1", "e2");
			String lastSeen = next(leave, 2).get(1).id();
			leave.close();
			awaitNoticedGone(this.streams.get("key-leave"));
			broadcast(List.of("key-stay"), "e3", "e4");
			try (TestEventStream back = this.client.sse("/sse?name=key-back&replayKey=prices",
					(headers) -> headers.set("Last-Event-ID", lastSeen))) {
				// the broadcaster may still push the replayed events: they are not sent
				// twice
				broadcast(List.of("key-back"), "e4");
				broadcast(List.of("key-stay", "key-back"), "e5");
				assertThat(next(back, 3)).extracting(TestServerSentEvent::id).containsExactly("e3", "e4", "e5");
			}
			assertThat(next(stay, 5)).extracting(TestServerSentEvent::id).containsExactly("e1", "e2", "e3", "e4", "e5");
		}
	}

	@Test
	void aReplayKeyThatNoLongerHoldsTheIdSendsAResetWithTheNewestId() {
		try (TestEventStream live = this.client.sse("/sse?name=key-live&replayKey=scores")) {
			broadcast(List.of("key-live"), "s1", "s2");
			next(live, 2);
			try (TestEventStream late = this.client.sse("/sse?name=key-late&replayKey=scores",
					(headers) -> headers.set("Last-Event-ID", "s0"))) {
				assertThat(late.next())
					.extracting(TestServerSentEvent::id, TestServerSentEvent::event, TestServerSentEvent::data)
					.containsExactly("s2", EventStream.RESET_EVENT, "s0");
			}
		}
	}

	private void broadcast(List<String> names, String... ids) {
		for (String id : ids) {
			for (String name : names) {
				this.streams.get(name).push(EventStreamMessage.builder().id(id).data("price " + id).build());
			}
		}
	}

	@Test
	void publishingToManyStreamsEncodesEachEventOnce() {
		List<TestEventStream> readers = IntStream.range(0, 20)
			.mapToObj((i) -> this.client.sse("/sse?name=fan-" + i + "&topics=fan"))
			.toList();
		try {
			for (int i = 0; i < 50; i++) {
				this.hub.publish("fan", "tick " + i);
			}
			List<String> firstIds = null;
			for (TestEventStream reader : readers) {
				List<TestServerSentEvent> events = next(reader, 50);
				assertThat(events).extracting(TestServerSentEvent::data)
					.containsExactlyElementsOf(IntStream.range(0, 50).mapToObj((i) -> "tick " + i).toList());
				List<String> ids = events.stream().map(TestServerSentEvent::id).toList();
				assertThat(ids).isEqualTo((firstIds != null) ? firstIds : ids);
				firstIds = ids;
			}
		}
		finally {
			readers.forEach(TestEventStream::close);
		}
		awaitNoticedGone(
				IntStream.range(0, 20).mapToObj((i) -> this.streams.get("fan-" + i)).toArray(EventStream[]::new));
	}

}
