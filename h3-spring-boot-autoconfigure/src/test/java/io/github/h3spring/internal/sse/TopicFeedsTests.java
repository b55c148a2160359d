package io.github.h3spring.internal.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.internal.metrics.SseMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.Origins;
import io.github.h3spring.internal.pubsub.Payload;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/**
 * Tests for {@link TopicFeeds}: publishes to different topics do not wait for each other,
 * and a stream still receives the events of all its topics in sequence order, so that it
 * resumes exactly where it left. Streams are real ones on mock exchanges; a stream that
 * blocks while a topic queues an event for it stands for a publisher caught in the middle
 * of its fan-out.
 */
class TopicFeedsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ExecutorService publishers = Executors.newFixedThreadPool(2);

	private final List<Topics> fixtures = new ArrayList<>();

	private final CountDownLatch queueing = new CountDownLatch(1);

	private final CountDownLatch finishQueueing = new CountDownLatch(1);

	@AfterEach
	void tearDown() throws InterruptedException {
		this.finishQueueing.countDown();
		this.publishers.shutdownNow();
		assertThat(this.publishers.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		this.fixtures.forEach(Topics::close);
	}

	@Test
	void aPublishDoesNotWaitForAPublishToAnotherTopicThatIsStillQueueing() throws Exception {
		Topics topics = topics(Duration.ofMinutes(1));
		stalling(topics.open(null)).subscribe("b");
		EventStreamReading a = topics.read(topics.open(null), "a");
		Future<?> publishB = this.publishers.submit(() -> topics.publish("b", "b1"));
		assertThat(this.queueing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Future<?> publishA = this.publishers.submit(() -> topics.publish("a", "a1"));
		assertThat(publishA).succeedsWithin(WAIT);
		assertThat(a.next().data()).isEqualTo("a1");
		this.finishQueueing.countDown();
		assertThat(publishB).succeedsWithin(WAIT);
	}

	@Test
	void aStreamOnBothTopicsGetsALaterEventOnlyAfterTheEarlierOneOfTheOtherTopic() throws Exception {
		Topics topics = topics(Duration.ofMinutes(1));
		stalling(topics.open(null)).subscribe("b");
		EventStreamReading both = topics.read(topics.open(null), "a", "b");
		Future<?> publishB = this.publishers.submit(() -> topics.publish("b", "b1"));
		assertThat(this.queueing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.publishers.submit(() -> topics.publish("a", "a1"))).succeedsWithin(WAIT);
		// a1 was numbered after b1, which is not queued for the stream yet: a1 waits
		assertThat(both.waiting()).isEmpty();
		this.finishQueueing.countDown();
		assertThat(publishB).succeedsWithin(WAIT);
		List<ServerSentEvent<String>> events = List.of(both.next(), both.next());
		assertThat(events).extracting(ServerSentEvent::data).containsExactly("b1", "a1");
		assertThat(topics.position(events.get(0))).isLessThan(topics.position(events.get(1)));
	}

	@Test
	void aResetTakesItsPlaceAfterTheEarlierEventsOfTheStreamsOtherTopics() throws Exception {
		Topics topics = topics(Duration.ofMinutes(1));
		stalling(topics.open(null)).subscribe("a");
		EventStreamReading first = topics.read(topics.open(null), "a", "b");
		topics.publish("b", "b0");
		String lastSeen = first.next().id();
		first.close();
		EventStream stream = topics.open(lastSeen);
		EventStreamReading second = topics.read(stream, "a");
		Future<?> publishA = this.publishers.submit(() -> topics.publish("a", "a1"));
		assertThat(this.queueing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// "new" has no replay buffer that covers lastSeen: a reset, after a1
		assertThat(this.publishers.submit(() -> stream.subscribe("new"))).succeedsWithin(WAIT);
		assertThat(second.waiting()).isEmpty();
		this.finishQueueing.countDown();
		assertThat(publishA).succeedsWithin(WAIT);
		ServerSentEvent<String> a1 = second.next();
		ServerSentEvent<String> reset = second.next();
		assertThat(a1.data()).isEqualTo("a1");
		assertThat(reset.event()).isEqualTo(EventStream.RESET_EVENT);
		assertThat(topics.position(reset)).isGreaterThanOrEqualTo(topics.position(a1));
	}

	@Test
	void aClientThatKeepsReconnectingToTwoBusyTopicsGetsEveryEventOnceAndInOrder() throws Exception {
		int count = 3000;
		Topics topics = topics(Duration.ofMinutes(1));
		for (int i = 0; i < 100; i++) {
			// ahead of the client in each fan-out: a wider window for the topics to
			// overtake each other
			topics.open(null).subscribe("a");
			topics.open(null).subscribe("b");
		}
		EventStreamReading reading = topics.read(topics.open(null), "a", "b");
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> publishes = new ArrayList<>();
		for (String topic : List.of("a", "b")) {
			publishes.add(this.publishers.submit(() -> {
				start.await();
				for (int i = 0; i < count; i++) {
					topics.publish(topic, topic + ":" + i);
				}
				return null;
			}));
		}
		start.countDown();
		Map<String, Integer> expected = new HashMap<>(Map.of("a", 0, "b", 0));
		long position = 0;
		int connections = 1;
		while (expected.get("a") < count || expected.get("b") < count) {
			int reads = ThreadLocalRandom.current().nextInt(1, 60);
			String lastSeen = null;
			for (int i = 0; i < reads && (expected.get("a") < count || expected.get("b") < count); i++) {
				ServerSentEvent<String> event = reading.next();
				assertThat(event.event()).as("event of connection %d", connections).isNull();
				String[] topicAndIndex = event.data().split(":");
				assertThat(Integer.parseInt(topicAndIndex[1])).as("index on %s", topicAndIndex[0])
					.isEqualTo(expected.get(topicAndIndex[0]));
				expected.merge(topicAndIndex[0], 1, Integer::sum);
				assertThat(topics.position(event)).isGreaterThan(position);
				position = topics.position(event);
				lastSeen = event.id();
			}
			// leaves with what it read; what else was queued is lost with the connection
			reading.close();
			reading = topics.read(topics.open(lastSeen), "a", "b");
			connections++;
		}
		for (Future<?> publish : publishes) {
			assertThat(publish).succeedsWithin(WAIT);
		}
		reading.close();
		assertThat(connections).isGreaterThan(10);
	}

	@Test
	void aTopicForgetsItsEventsWhenItsTimeToLiveEndsAndServesNewStreamsAfterwards() throws Exception {
		Topics topics = topics(Duration.ZERO);
		EventStreamReading other = topics.read(topics.open(null), "other");
		EventStreamReading first = topics.read(topics.open(null), "news");
		topics.publish("news", "n1");
		String lastSeen = first.next().id();
		first.close();
		await().atMost(WAIT).until(() -> !topics.registry.subscriberCounts().containsKey("news"));
		topics.publish("other", "o1");
		assertThat(other.next().data()).isEqualTo("o1");
		EventStreamReading second = topics.read(topics.open(lastSeen), "news");
		assertThat(second.next().event()).isEqualTo(EventStream.RESET_EVENT);
		topics.publish("news", "n2");
		assertThat(second.next().data()).isEqualTo("n2");
	}

	private Topics topics(Duration timeToLive) {
		Topics topics = new Topics(timeToLive);
		this.fixtures.add(topics);
		return topics;
	}

	/**
	 * The stream, blocking the first time a topic queues an event for it until the test
	 * lets it go.
	 */
	private DefaultEventStream stalling(EventStream stream) {
		DefaultEventStream stalling = spy((DefaultEventStream) stream);
		doAnswer((invocation) -> {
			this.queueing.countDown();
			this.finishQueueing.await();
			return invocation.callRealMethod();
		}).when(stalling).offer(any());
		return stalling;
	}

	/** A runtime with topics and the application context that streams find it in. */
	private static final class Topics {

		private final TopicRegistry registry = new TopicRegistry();

		private final EventStreamRuntime runtime;

		private final GenericApplicationContext context = new GenericApplicationContext();

		Topics(Duration timeToLive) {
			EventStreamSettings settings = new EventStreamSettings(Duration.ZERO, null,
					DataSize.ofMegabytes(16).toBytes(), 10_000, timeToLive);
			this.runtime = new EventStreamRuntime(settings, this.registry, SseMetrics.NONE, H3Observations.NONE);
			this.context.registerBean(EventStreamRuntime.class, () -> this.runtime);
			this.context.refresh();
		}

		EventStream open(@Nullable String lastEventId) {
			MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/events");
			if (lastEventId != null) {
				request.header("Last-Event-ID", lastEventId);
			}
			MockServerWebExchange exchange = MockServerWebExchange.builder(request.build())
				.applicationContext(this.context)
				.build();
			return WebFluxEventStreamTransport.create(exchange, EventStreamOptions.defaults());
		}

		/** Reads the stream as its client, subscribed to topics. */
		EventStreamReading read(EventStream stream, String... topics) {
			EventStreamReading reading = new EventStreamReading();
			stream.flux().subscribe(reading);
			stream.subscribe(List.of(topics));
			return reading;
		}

		void publish(String topic, String text) {
			Payload payload = new Payload(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), false);
			try {
				this.registry.deliver(null, topic, payload, null);
			}
			finally {
				payload.release();
			}
		}

		long position(ServerSentEvent<String> event) {
			String id = event.id();
			assertThat(id).isNotNull();
			Map<String, Long> position = Origins.parsePosition(id);
			assertThat(position).as("the position of one instance").hasSize(1);
			return position.values().iterator().next();
		}

		void close() {
			this.context.close();
		}

	}

}
