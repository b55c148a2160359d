package io.github.h3spring.scaleout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestMessage;
import io.github.h3spring.test.TestServerSentEvent;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.health.contributor.Status;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application on one backplane, with WebSocket clients on each, and
 * a third instance whose backplane connection goes through a proxy the test cuts. Every
 * instance runs on the stack of the module under test ({@link Stack#current()}), except B
 * where a subclass chooses another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractScaleOutTests {

	private static final Duration RECOVERY = Duration.ofSeconds(30);

	protected final String channel = "h3-test-" + UUID.randomUUID().toString().substring(0, 8);

	private Instance a;

	private Instance b;

	/** Checks the server is there; skips or fails the class when it is not. */
	protected abstract void requireServer();

	/** Properties that point an instance at the backplane server through a port. */
	protected abstract Map<String, Object> backplane(int port);

	/** The server's port. */
	protected abstract int serverPort();

	/**
	 * Kills the backplane connections of this class's instances on the server side.
	 * @return how many connections were killed
	 */
	protected abstract long killBackplaneConnections();

	/**
	 * The stack of instance B: the module's, unless a subclass puts the two on different
	 * stacks.
	 */
	protected Stack stackOfB() {
		return Stack.current();
	}

	@BeforeAll
	void startInstances() {
		requireServer();
		this.a = Instance.start(properties(serverPort()));
		this.b = Instance.start(stackOfB(), properties(serverPort()));
		await().atMost(RECOVERY).until(() -> isUp(this.a) && isUp(this.b));
	}

	@AfterAll
	void stopInstances() {
		if (this.a != null) {
			this.a.close();
		}
		if (this.b != null) {
			this.b.close();
		}
	}

	private Map<String, Object> properties(int port) {
		Map<String, Object> properties = new HashMap<>(backplane(port));
		properties.put("h3.pubsub.channel", this.channel);
		return properties;
	}

	@Test
	void peerPublishOnAReachesEachPeerOfItsNamespaceOnBExactlyOnce() {
		try (TestWebSocket sender = this.a.connect("/chat");
				TestWebSocket first = this.b.connect("/chat");
				TestWebSocket second = this.b.connect("/chat");
				TestWebSocket otherNamespace = this.b.connect("/other")) {
			sender.send("hello from A");
			assertThat(first.nextText()).isEqualTo("hello from A");
			assertThat(second.nextText()).isEqualTo("hello from A");
			this.a.hub().publish(ScaleOutApplication.TOPIC, "end");
			assertThat(first.nextText()).isEqualTo("end");
			assertThat(second.nextText()).isEqualTo("end");
			assertThat(otherNamespace.nextText()).isEqualTo("end");
			assertThat(sender.nextText()).isEqualTo("end");
		}
	}

	@Test
	void hubPublishOnAReachesPeersOnAAndOnBOnceEach() {
		try (TestWebSocket onA = this.a.connect("/chat");
				TestWebSocket onB = this.b.connect("/chat");
				TestWebSocket otherOnB = this.b.connect("/other")) {
			this.a.hub().publish(ScaleOutApplication.TOPIC, "news");
			this.a.hub().publish(ScaleOutApplication.TOPIC, "end");
			for (TestWebSocket socket : List.of(onA, onB, otherOnB)) {
				assertThat(socket.nextText()).isEqualTo("news");
				assertThat(socket.nextText()).isEqualTo("end");
			}
		}
	}

	@Test
	void anEventStreamOnBReceivesThePublishesOfA() {
		try (TestEventStream events = this.b.events("/events"); TestWebSocket sender = this.a.connect("/chat")) {
			sender.send("from a peer on A");
			assertThat(events.nextData()).isEqualTo("from a peer on A");
			this.a.hub().publish(ScaleOutApplication.TOPIC, "from the hub of A");
			assertThat(events.nextData()).isEqualTo("from the hub of A");
		}
	}

	@Test
	void anEventStreamThatLeavesAResumesOnBWithExactlyWhatItMissedWhileBothPublished() {
		String run = "resume-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		// B's topic feed exists from the start: it has every event of the test
		try (TestEventStream onB = this.b.events("/events")) {
			List<TestServerSentEvent> had;
			try (TestEventStream onA = this.a.events("/events")) {
				CompletableFuture<Void> first = publishFromBoth(run + "first-", 10);
				had = events(onA, 25);
				first.join();
			}
			publishFromBoth(run + "second-", 10).join();
			// fewer than the replay buffer holds (100)
			Set<String> all = new HashSet<>(data(events(onB, 80)));
			assertThat(all).hasSize(80);
			String lastEventId = had.get(had.size() - 1).id();
			assertThat(lastEventId).isNotNull();
			try (TestEventStream resumed = this.b.events("/events", lastEventId)) {
				List<String> replayed = data(events(resumed, 55));
				Set<String> missed = new HashSet<>(all);
				data(had).forEach(missed::remove);
				assertThat(replayed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(missed);
				this.a.hub().publish(ScaleOutApplication.TOPIC, run + "end");
				assertThat(resumed.next().data()).as("nothing more was replayed").isEqualTo(run + "end");
			}
		}
	}

	@Test
	void anEventStreamThatResumesOnBAfterMoreThanItsReplayBufferGetsAReset() {
		String run = "reset-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		try (TestEventStream onB = this.b.events("/events")) {
			String lastEventId;
			try (TestEventStream onA = this.a.events("/events")) {
				this.a.hub().publish(ScaleOutApplication.TOPIC, run + "seen");
				lastEventId = onA.next().id();
			}
			IntStream.range(0, 101).forEach((i) -> this.a.hub().publish(ScaleOutApplication.TOPIC, run + i));
			events(onB, 102);
			assertThat(lastEventId).isNotNull();
			try (TestEventStream resumed = this.b.events("/events", lastEventId)) {
				TestServerSentEvent reset = resumed.next();
				assertThat(reset.event()).isEqualTo(EventStream.RESET_EVENT);
				assertThat(reset.data()).isEqualTo(lastEventId);
			}
		}
	}

	/**
	 * Publishes from two threads on each instance at once, {@code each} publishes per
	 * thread.
	 */
	private CompletableFuture<Void> publishFromBoth(String prefix, int each) {
		List<CompletableFuture<Void>> publishers = new ArrayList<>();
		for (Instance instance : List.of(this.a, this.b)) {
			for (int thread = 0; thread < 2; thread++) {
				String name = prefix + ((instance == this.a) ? "a" : "b") + thread + "-";
				publishers.add(CompletableFuture.runAsync(() -> IntStream.range(0, each)
					.forEach((i) -> instance.hub().publish(ScaleOutApplication.TOPIC, name + i))));
			}
		}
		return CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new));
	}

	/** The next events of a stream, none of them a reset. */
	private static List<TestServerSentEvent> events(TestEventStream stream, int count) {
		List<TestServerSentEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			TestServerSentEvent event = stream.next();
			assertThat(event.event()).as("event %d: %s", i, event.data()).isNotEqualTo(EventStream.RESET_EVENT);
			events.add(event);
		}
		return events;
	}

	private static List<String> data(List<TestServerSentEvent> events) {
		return events.stream().map(TestServerSentEvent::data).toList();
	}

	@Test
	void publishesThatCrossTheBackplaneAreCountedAndTheH3EndpointShowsItConnected() {
		try (TestWebSocket onB = this.b.connect("/chat")) {
			double published = this.a.counter("h3.pubsub.published");
			double received = this.b.counter("h3.pubsub.received");
			this.a.hub().publish(ScaleOutApplication.TOPIC, "counted");
			assertThat(onB.nextText()).isEqualTo("counted");
			assertThat(this.a.counter("h3.pubsub.published")).isEqualTo(published + 1);
			assertThat(this.b.counter("h3.pubsub.received")).isEqualTo(received + 1);
		}
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.b.port())
			.build()
			.get()
			.uri("/actuator/h3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backplane.state")
			.isEqualTo("CONNECTED")
			.jsonPath("$.backplane.driver")
			.value((driver) -> assertThat(driver).isIn("Redis", "PostgreSQL"));
	}

	@Test
	void aThousandMessagesFromOnePeerArriveInOrderWithNoneMissingOrRepeated() {
		try (TestWebSocket sender = this.a.connect("/chat"); TestWebSocket receiver = this.b.connect("/chat")) {
			IntStream.range(0, 1000).forEach((i) -> sender.send("m" + i));
			sender.send("end");
			assertThat(texts(receiver, 1001)).isEqualTo(expected("m", 0, 1000, "end"));
		}
	}

	@Test
	void binaryPayloadsStayBinaryAndTextStaysText() {
		byte[] bytes = new byte[300];
		ThreadLocalRandom.current().nextBytes(bytes);
		try (TestWebSocket sender = this.a.connect("/chat"); TestWebSocket receiver = this.b.connect("/chat")) {
			sender.sendBinary(bytes);
			sender.send("text");
			TestMessage binary = receiver.next();
			assertThat(binary.binary()).isTrue();
			assertThat(binary.bytes()).isEqualTo(bytes);
			TestMessage text = receiver.next();
			assertThat(text.binary()).isFalse();
			assertThat(text.text()).isEqualTo("text");
		}
	}

	@Test
	void largePayloadsArriveIntact() {
		String kib64 = "x".repeat(64 * 1024);
		byte[] mib = new byte[1024 * 1024];
		ThreadLocalRandom.current().nextBytes(mib);
		try (TestWebSocket sender = this.a.connect("/chat"); TestWebSocket receiver = this.b.connect("/chat")) {
			sender.send(kib64);
			assertThat(receiver.nextText()).isEqualTo(kib64);
			this.a.hub().publish(ScaleOutApplication.TOPIC, mib);
			this.a.hub().publish(ScaleOutApplication.TOPIC, "end");
			assertThat(receiver.next().bytes()).isEqualTo(mib);
			assertThat(receiver.nextText()).isEqualTo("end");
		}
	}

	@Test
	void afterTheServerKillsTheBackplaneConnectionsDeliveryResumesWithNothingLostOrRepeated() {
		try (TestWebSocket receiver = this.b.connect("/chat")) {
			IntStream.range(0, 100).forEach((i) -> this.a.hub().publish(ScaleOutApplication.TOPIC, "k" + i));
			assertThat(killBackplaneConnections()).isGreaterThanOrEqualTo(2);
			IntStream.range(100, 200).forEach((i) -> this.a.hub().publish(ScaleOutApplication.TOPIC, "k" + i));
			await().atMost(RECOVERY).until(() -> isUp(this.a) && isUp(this.b));
			this.a.hub().publish(ScaleOutApplication.TOPIC, "end");
			assertThat(texts(receiver, 201)).isEqualTo(expected("k", 0, 200, "end"));
		}
	}

	@Test
	void anInstanceStartsWithoutItsBackplaneQueuesPublishesInABoundedOutboxAndSendsThemOnceConnected()
			throws IOException {
		try (TcpProxy proxy = new TcpProxy(serverPort())) {
			Map<String, Object> properties = properties(proxy.port());
			properties.put("h3.pubsub.outbox-capacity", 10);
			try (Instance c = Instance.start(properties);
					TestWebSocket onC = c.connect("/chat");
					TestWebSocket onB = this.b.connect("/chat")) {
				assertThat(c.backplaneHealth().getStatus()).isEqualTo(Status.DOWN);
				IntStream.range(0, 15).forEach((i) -> c.hub().publish(ScaleOutApplication.TOPIC, "o" + i));
				assertThat(texts(onC, 15)).isEqualTo(expected("o", 0, 15, null));
				Map<String, Object> details = c.backplaneHealth().getDetails();
				assertThat(details).containsEntry("outbox", 10).containsEntry("overflowed", 5L);
				proxy.open();
				await().atMost(RECOVERY)
					.until(() -> isUp(c) && c.backplaneHealth().getDetails().get("outbox").equals(0));
				c.hub().publish(ScaleOutApplication.TOPIC, "end");
				assertThat(texts(onB, 11)).isEqualTo(expected("o", 0, 10, "end"));
				proxy.cut();
				await().atMost(RECOVERY).until(() -> !isUp(c));
				c.hub().publish(ScaleOutApplication.TOPIC, "while cut");
				assertThat(onC.nextText()).isEqualTo("end");
				assertThat(onC.nextText()).isEqualTo("while cut");
				proxy.open();
				await().atMost(RECOVERY).until(() -> isUp(c));
				assertThat(onB.nextText()).isEqualTo("while cut");
			}
		}
	}

	@Test
	void failFastStopsTheStartWhenTheBackplaneIsUnreachable() throws IOException {
		try (TcpProxy closed = new TcpProxy(serverPort())) {
			Map<String, Object> properties = properties(closed.port());
			properties.put("h3.pubsub.fail-fast", true);
			properties.put("h3.pubsub.connect-timeout", "1s");
			assertThatThrownBy(() -> Instance.start(properties).close()).hasStackTraceContaining("h3.pubsub.fail-fast");
		}
	}

	protected static boolean isUp(Instance instance) {
		return instance.backplaneHealth().getStatus().equals(Status.UP);
	}

	private static List<String> texts(TestWebSocket socket, int count) {
		List<String> texts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			texts.add(new String(socket.next().bytes(), StandardCharsets.UTF_8));
		}
		return texts;
	}

	private static List<String> expected(String prefix, int from, int to, String last) {
		List<String> expected = new ArrayList<>();
		IntStream.range(from, to).forEach((i) -> expected.add(prefix + i));
		if (last != null) {
			expected.add(last);
		}
		return expected;
	}

}
