package io.github.h3spring.sse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.github.h3spring.sse.StreamReading.awaitNoticedGone;
import static io.github.h3spring.sse.StreamReading.endOf;
import static io.github.h3spring.sse.StreamReading.nextData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = SseTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class EventStreamIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SseTestApplication.Streams streams;

	@Autowired
	MeterRegistry registry;

	H3TestClient client;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forPort(this.port);
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void theSeedExamplePushesHelloWorldUntilTheClientLeaves() {
		try (TestEventStream stream = this.client.sse("/hello?every=20&name=seed")) {
			assertThat(nextData(stream, 3)).containsExactly("Hello world", "Hello world", "Hello world");
			assertThat(stream.body()).startsWith("data: Hello world\n\ndata: Hello world\n\n");
		}
		await().atMost(Duration.ofSeconds(1)).until(() -> this.streams.get("seed").isClosed());
	}

	@Test
	void headersForbidCachingAndProxyBuffering() {
		try (TestEventStream stream = this.client.sse("/sse?name=headers")) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			assertThat(stream.headers().get("cache-control")).contains("no-cache", "no-store", "no-transform");
			assertThat(stream.headers().get("x-accel-buffering")).isEqualTo("no");
			assertThat(stream.headers().get("transfer-encoding")).isEqualTo("chunked");
			assertThat(stream.body()).isEmpty();
		}
	}

	@Test
	void framingMatchesTheSpecificationByteForByte() {
		try (TestEventStream stream = this.client.sse("/sse?name=framing")) {
			EventStream events = this.streams.get("framing");
			events.push("plain");
			events.push(EventStreamMessage.builder()
				.id("42")
				.event("update")
				.retry(Duration.ofSeconds(2))
				.data("{\"a\":1}")
				.build());
			events.pushComment("just a comment");
			events.push("line one\nline two\r\nline three\rline four");
			events.push("");
			events.push("trailing\n");
			events.push("héllo ✓ 🎉");
			events.close();
			assertThat(endOf(stream)).isEqualTo("""
					data: plain

					id: 42
					event: update
					retry: 2000
					data: {"a":1}

					: just a comment

					data: line one
					data: line two
					data: line three
					data: line four

					data: \n\

					data: trailing
					data: \n\

					data: héllo ✓ 🎉

					""");
			assertThat(nextData(stream, 6)).containsExactly("plain", "{\"a\":1}",
					"line one\nline two\nline three\nline four", "", "trailing\n", "héllo ✓ 🎉");
		}
	}

	@Test
	void pushingAListWritesEveryEventInOneGo() {
		try (TestEventStream stream = this.client.sse("/sse?name=batch")) {
			this.streams.get("batch")
				.push(List.of("one", EventStreamMessage.builder().id("2").data("two").build(), "three"));
			this.streams.get("batch").close();
			assertThat(endOf(stream)).isEqualTo("data: one\n\nid: 2\ndata: two\n\ndata: three\n\n");
		}
	}

	@Test
	void idsAndEventNamesWithLineBreaksAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventStreamMessage.builder().id("a\nb"))
			.withMessageContaining("id must be one line");
		assertThatIllegalArgumentException().isThrownBy(() -> EventStreamMessage.builder().event("a\rb"))
			.withMessageContaining("event must be one line");
		assertThatIllegalArgumentException().isThrownBy(() -> EventStreamMessage.builder().id("a\0b"))
			.withMessageContaining("NUL");
		assertThatIllegalArgumentException().isThrownBy(() -> this.streams.get("seed").push(List.of(42)))
			.withMessageContaining("java.lang.Integer");
	}

	@Test
	void eventsPushedAndClosedBeforeSendAreWrittenThenTheResponseEnds() {
		this.http.get()
			.uri("/prepared?count=5")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/event-stream")
			.expectBody(String.class)
			.isEqualTo("data: event 1\n\ndata: event 2\n\ndata: event 3\n\ndata: event 4\n\ndata: event 5\n\n");
	}

	@Test
	void webTestClientReadsTheEventsWithTheirFields() {
		List<ServerSentEvent<String>> events = new ArrayList<>();
		this.http.get()
			.uri("/prepared?count=3")
			.exchange()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.doOnNext(events::add)
			.blockLast(Duration.ofSeconds(10));
		assertThat(events).extracting(ServerSentEvent::data).containsExactly("event 1", "event 2", "event 3");
	}

	@Test
	void theStreamItselfCanBeReturned() {
		try (TestEventStream stream = this.client.sse("/sse?name=object&return=object")) {
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			this.streams.get("object").push("direct");
			assertThat(stream.nextData()).isEqualTo("direct");
		}
	}

	@Test
	void pausedPushesAreKeptInOrderAndSentOnResume() {
		try (TestEventStream stream = this.client.sse("/sse?name=pause")) {
			EventStream events = this.streams.get("pause");
			events.push("before");
			assertThat(stream.nextData()).isEqualTo("before");
			events.pause();
			assertThat(events.isPaused()).isTrue();
			events.push("held 1");
			events.pushComment("held comment");
			events.push("held 2");
			events.push("marker");
			// the held events are not written while paused: a comment pushed by flush
			// proves it
			events.flush();
			events.push("after flush");
			events.pushComment("end of flushed part");
			assertThat(nextData(stream, 3)).containsExactly("held 1", "held 2", "marker");
			assertThat(stream.nextComment()).isEqualTo("held comment");
			assertThat(stream.body()).doesNotContain("after flush");
			events.resume();
			assertThat(events.isPaused()).isFalse();
			assertThat(stream.nextData()).isEqualTo("after flush");
			assertThat(stream.nextComment()).isEqualTo("end of flushed part");
			assertThat(stream.body()).endsWith("data: marker\n\ndata: after flush\n\n: end of flushed part\n\n");
		}
	}

	@Test
	void closingAPausedStreamWritesWhatWasHeld() {
		try (TestEventStream stream = this.client.sse("/sse?name=pause-close")) {
			EventStream events = this.streams.get("pause-close");
			events.pause();
			events.push("held");
			events.close();
			assertThat(endOf(stream)).isEqualTo("data: held\n\n");
		}
	}

	@Test
	void pushAfterCloseIsANoOp() {
		try (TestEventStream stream = this.client.sse("/sse?name=after-close")) {
			EventStream events = this.streams.get("after-close");
			events.push("last");
			events.close();
			assertThat(events.isClosed()).isTrue();
			events.push("ignored");
			events.push(EventStreamMessage.of("ignored"));
			events.pushComment("ignored");
			events.close();
			assertThat(endOf(stream)).isEqualTo("data: last\n\n");
		}
	}

	@Test
	void onClosedRunsWithinASecondOfTheClientDisconnecting() {
		TestEventStream stream = this.client.sse("/sse?name=disconnect");
		long disconnected = System.nanoTime();
		stream.close();
		awaitNoticedGone(this.streams.get("disconnect"));
		assertThat(Duration.ofNanos(this.streams.closedAt("disconnect") - disconnected))
			.isLessThan(Duration.ofSeconds(1));
		assertThat(this.streams.get("disconnect").isClosed()).isTrue();
	}

	@Test
	void onClosedRunsForTenClientsDisconnectingAtOnce() {
		List<TestEventStream> clients = IntStream.range(0, 10)
			.mapToObj((i) -> this.client.sse("/sse?name=ten-" + i))
			.toList();
		long disconnected = System.nanoTime();
		clients.forEach(TestEventStream::close);
		awaitNoticedGone(
				IntStream.range(0, 10).mapToObj((i) -> this.streams.get("ten-" + i)).toArray(EventStream[]::new));
		IntStream.range(0, 10)
			.forEach((i) -> assertThat(Duration.ofNanos(this.streams.closedAt("ten-" + i) - disconnected))
				.isLessThan(Duration.ofSeconds(1)));
	}

	/**
	 * Servlet containers hand a completed request's objects to the next request: the end
	 * of a stream whose client left must not end the stream opened right after it.
	 */
	@Test
	void aStreamOpenedRightAfterAClientLeftIsNotEndedByThatClientsStream() {
		for (int i = 0; i < 30; i++) {
			TestEventStream leaving = this.client.sse("/sse?name=leaving-" + i);
			this.streams.get("leaving-" + i).push("before leaving");
			assertThat(leaving.nextData()).isEqualTo("before leaving");
			leaving.close();
			awaitNoticedGone(this.streams.get("leaving-" + i));
			try (TestEventStream next = this.client.sse("/sse?name=next-" + i)) {
				this.streams.get("next-" + i).push("still open");
				assertThat(next.nextData()).isEqualTo("still open");
				assertThat(this.streams.get("next-" + i).isClosed()).isFalse();
			}
			// the other tests count open streams
			awaitNoticedGone(this.streams.get("next-" + i));
		}
	}

	@Test
	void aClientThatLeavesAnIdleStreamIsNoticedAtTheNextHeartbeatAtTheLatest() {
		TestEventStream stream = this.client.sse("/sse?name=idle-leaver&keepAlive=100");
		assertThat(stream.nextComment()).isEqualTo("keep-alive");
		stream.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.streams.get("idle-leaver").isClosed());
	}

	@Test
	void onClosedRegisteredAfterCloseRunsAtOnceAndOnlyOnce() {
		try (TestEventStream stream = this.client.sse("/sse?name=late-callback")) {
			EventStream events = this.streams.get("late-callback");
			List<String> calls = new ArrayList<>();
			events.onClosed(() -> calls.add("early"));
			events.onClosed(() -> {
				throw new IllegalStateException("a failing callback does not stop the others");
			});
			events.close();
			events.close();
			events.onClosed(() -> calls.add("late"));
			assertThat(calls).containsExactly("early", "late");
			assertThat(endOf(stream)).isEmpty();
		}
	}

	@Test
	void concurrentPushesAreAllWrittenInEachThreadsOrder() throws Exception {
		int threads = 4;
		int perThread = 500;
		try (TestEventStream stream = this.client.sse("/sse?name=concurrent")) {
			EventStream events = this.streams.get("concurrent");
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			CountDownLatch start = new CountDownLatch(1);
			for (int t = 0; t < threads; t++) {
				int thread = t;
				pool.execute(() -> {
					awaitLatch(start);
					for (int i = 0; i < perThread; i++) {
						events.push(thread + ":" + i);
					}
				});
			}
			start.countDown();
			pool.shutdown();
			List<String> received = nextData(stream, threads * perThread);
			for (int t = 0; t < threads; t++) {
				String prefix = t + ":";
				assertThat(received.stream().filter((data) -> data.startsWith(prefix)))
					.containsExactlyElementsOf(IntStream.range(0, perThread).mapToObj((i) -> prefix + i).toList());
			}
		}
	}

	@Test
	void heartbeatCommentsKeepAnIdleStreamAliveAtTheConfiguredInterval() {
		long opened = System.nanoTime();
		try (TestEventStream stream = this.client.sse("/sse?name=heartbeat&keepAlive=100")) {
			for (int i = 0; i < 3; i++) {
				assertThat(stream.nextComment()).isEqualTo("keep-alive");
			}
			// one per interval, not a burst: the third cannot come before three intervals
			assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			assertThat(stream.body()).startsWith(": keep-alive\n\n: keep-alive\n\n: keep-alive\n\n");
		}
	}

	@Test
	void retryIsSentOnceAtTheStart() {
		try (TestEventStream stream = this.client.sse("/sse?name=retry&retry=1500")) {
			this.streams.get("retry").push("first");
			this.streams.get("retry").close();
			assertThat(endOf(stream)).isEqualTo("retry: 1500\n\ndata: first\n\n");
		}
	}

	@Test
	void aStreamIsSentOnlyOnce() {
		try (TestEventStream stream = this.client.sse("/sse?name=twice")) {
			EventStream events = this.streams.get("twice");
			assertThat(events.flux().collectList().map(List::size).onErrorReturn(-1).block(Duration.ofSeconds(5)))
				.isEqualTo(-1);
		}
	}

	@Test
	void aClientThatDoesNotReadIsClosedWhenItsBufferOverflowsAndTheReasonIsLogged(CapturedOutput output)
			throws IOException {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port));
			socket.getOutputStream()
				.write(("GET /sse?name=slow&limit=65536 HTTP/1.1\r\nHost: localhost\r\n"
						+ "Accept: text/event-stream\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			await().until(() -> this.streams.has("slow"));
			EventStream events = this.streams.get("slow");
			String big = "x".repeat(16 * 1024);
			for (int i = 0; i < 4000 && !events.isClosed(); i++) {
				events.push(big);
			}
			assertThat(events.isClosed()).as("closed after queueing more than the limit").isTrue();
			assertThat(this.streams.closedAt("slow")).isNotNull();
			assertThat(output).contains("Closing the event stream of GET /sse", "does not read fast enough",
					"more than 65536 bytes were queued");
			// what reached the socket before is still readable, then the response ends
			// cleanly
			assertThat(readUntilLastChunk(socket.getInputStream())).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void openStreamsAndWrittenEventsAreMetered() {
		// the streams of earlier tests, which a servlet container may not have noticed
		// gone yet
		awaitNoticedGone(this.streams.all());
		double written = this.registry.get("h3.sse.events").counter().count();
		double open = this.registry.get("h3.sse.streams").gauge().value();
		try (TestEventStream stream = this.client.sse("/sse?name=metered")) {
			await().until(() -> this.registry.get("h3.sse.streams").gauge().value() == open + 1);
			EventStream metered = this.streams.get("metered");
			metered.push("one");
			metered.pushComment("not an event");
			metered.push(List.of("two", "three"));
			assertThat(nextData(stream, 3)).containsExactly("one", "two", "three");
			assertThat(this.registry.get("h3.sse.events").counter().count()).isEqualTo(written + 3);
		}
		awaitNoticedGone(this.streams.get("metered"));
		await().until(() -> this.registry.get("h3.sse.streams").gauge().value() == open);
	}

	private static String readUntilLastChunk(InputStream in) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		StringBuilder head = new StringBuilder();
		String tail = "";
		for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
			String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
			if (head.length() < 64) {
				head.append(text, 0, Math.min(text.length(), 64));
			}
			tail = (tail + text).substring(Math.max(0, tail.length() + text.length() - 5));
			if (tail.equals("0\r\n\r\n")) {
				return head.toString();
			}
		}
		throw new AssertionError("The connection closed before the last chunk");
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
