package io.github.h3spring.webmvc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamMessage;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event streams on Spring MVC, the bytes on the wire asserted as on WebFlux.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class EventStreamIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MvcTestApplication.Streams streams;

	@Autowired
	WebSocketHub hub;

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
	void theSeedExamplePushesHelloWorld() {
		try (TestEventStream stream = this.client.sse("/hello?every=20&name=seed")) {
			assertThat(nextData(stream, 3)).containsExactly("Hello world", "Hello world", "Hello world");
			assertThat(stream.body()).startsWith("data: Hello world\n\ndata: Hello world\n\n");
		}
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
			events.push(List.of("one", EventStreamMessage.builder().id("2").data("two").build()));
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

					data: one

					id: 2
					data: two

					""");
		}
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
	void theStreamItselfCanBeReturned() {
		try (TestEventStream stream = this.client.sse("/sse?name=object&return=object")) {
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			this.streams.get("object").push("direct");
			assertThat(stream.nextData()).isEqualTo("direct");
		}
	}

	@Test
	void annotatedControllersTakeAnH3EventAndReturnTheStream() {
		try (TestEventStream stream = this.client.sse("/controller?name=controller")) {
			EventStream events = this.streams.get("controller");
			events.push(EventStreamMessage.builder().id("7").event("tick").data("a\nb").build());
			events.pushComment("note");
			events.close();
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			assertThat(stream.headers().get("x-accel-buffering")).isEqualTo("no");
			// the stream's own encoder, the same bytes as from an EventHandler
			assertThat(endOf(stream)).isEqualTo("id: 7\nevent: tick\ndata: a\ndata: b\n\n: note\n\n");
		}
		this.http.post()
			.uri("/controller/echo")
			.bodyValue("body")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("/controller/echo body");
	}

	@Test
	void pausedPushesAreKeptInOrderAndSentOnResume() {
		try (TestEventStream stream = this.client.sse("/sse?name=pause")) {
			EventStream events = this.streams.get("pause");
			events.push("before");
			assertThat(stream.nextData()).isEqualTo("before");
			events.pause();
			events.push("held 1");
			events.push("held 2");
			events.flush();
			events.push("after flush");
			assertThat(nextData(stream, 2)).containsExactly("held 1", "held 2");
			assertThat(stream.body()).doesNotContain("after flush");
			events.resume();
			assertThat(stream.nextData()).isEqualTo("after flush");
		}
	}

	@Test
	void closeEndsTheResponseAndRunsOnClosed() {
		try (TestEventStream stream = this.client.sse("/sse?name=close")) {
			EventStream events = this.streams.get("close");
			events.push("last");
			events.close();
			events.push("ignored");
			assertThat(endOf(stream)).isEqualTo("data: last\n\n");
			assertThat(this.streams.closedAt("close")).isNotNull();
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

	/**
	 * The servlet containers notice a client that left when a write fails, so an idle stream
	 * closes at its next heartbeat (WebFlux notices within a second, without writing).
	 */
	@Test
	void aClientThatLeavesIsNoticedAtTheNextWrite() {
		TestEventStream stream = this.client.sse("/sse?name=disconnect&keepAlive=100");
		assertThat(stream.nextComment()).isEqualTo("keep-alive");
		stream.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.streams.closedAt("disconnect") != null);
		assertThat(this.streams.get("disconnect").isClosed()).isTrue();
	}

	@Test
	void hubPublishesReachTheStreamsOfTheirTopic() {
		try (TestEventStream stream = this.client.sse("/sse?name=payloads&topics=payloads")) {
			this.hub.publish("payloads", "text");
			this.hub.publish("payloads", Map.of("count", 3));
			assertThat(nextData(stream, 2)).containsExactly("text", "{\"count\":3}");
		}
	}

	@Test
	void aReconnectingClientReceivesWhatItMissedInOrderWithoutDuplicates() {
		String lastSeen;
		try (TestEventStream first = this.client.sse("/sse?name=resume-1&topics=resume")) {
			this.hub.publish("resume", "1");
			this.hub.publish("resume", "2");
			lastSeen = next(first, 2).get(1).id();
		}
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
	void aClientThatDoesNotReadIsClosedWhenItsBufferOverflowsAndTheReasonIsLogged(CapturedOutput output)
			throws IOException {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port));
			socket.getOutputStream()
				.write(("GET /sse?name=slow&limit=65536 HTTP/1.1\r\nHost: localhost\r\n"
						+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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
			// what reached the socket before is still readable, then the response ends cleanly
			assertThat(readUntilLastChunk(socket.getInputStream())).startsWith("HTTP/1.1 200");
		}
	}

	static List<TestServerSentEvent> next(TestEventStream stream, int count) {
		return IntStream.range(0, count).mapToObj((i) -> stream.next()).toList();
	}

	static List<String> nextData(TestEventStream stream, int count) {
		return next(stream, count).stream().map(TestServerSentEvent::data).toList();
	}

	/** Waits for the server to end the response cleanly and returns the whole body. */
	static String endOf(TestEventStream stream) {
		stream.awaitComplete();
		assertThat(stream.error()).as("the response ended cleanly").isNull();
		return stream.body();
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
