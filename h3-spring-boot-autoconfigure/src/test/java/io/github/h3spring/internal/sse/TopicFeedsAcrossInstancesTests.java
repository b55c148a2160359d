package io.github.h3spring.internal.sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.metrics.PubSubMetrics;
import io.github.h3spring.internal.metrics.SseMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.Origins;
import io.github.h3spring.internal.pubsub.PayloadEncoder;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TopicFeeds} on several instances: two brokers joined by a backplane
 * whose deliveries the test releases, so each instance interleaves the two origins its
 * own way, and a client that resumes on the other instance gets exactly what it missed,
 * or a reset when that instance does not know it.
 */
class TopicFeedsAcrossInstancesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<Instance> instances = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.instances.forEach(Instance::close);
	}

	@Test
	void aClientResumesOnTheOtherInstanceWithWhatItMissedThoughBothInterleavedTheOriginsDifferently() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		connect(a, b);
		b.read(null, "news", "sport");
		EventStreamReading client = a.read(null, "news", "sport");
		a.publish("news", "a1");
		b.publish("sport", "b1");
		a.publish("sport", "a2");
		b.publish("news", "b2");
		// a: a1 a2 b1 b2, b: b1 b2 a1 a2
		a.receiveAll();
		b.receiveAll();
		assertThat(client.data(4)).containsExactly("a1", "a2", "b1", "b2");
		String afterB1 = client.taken().get(2).id();
		EventStreamReading resumed = b.read(afterB1, "news", "sport");
		// on b, a1 and a2 came after b1 and b2: only b2 was missed of b's, all of a's
		// were had
		assertThat(resumed.data(1)).containsExactly("b2");
		a.publish("news", "a3");
		b.receiveAll();
		assertThat(resumed.data(1)).containsExactly("a3");
		assertThat(resumed.events()).noneMatch((event) -> EventStream.RESET_EVENT.equals(event.event()));
	}

	@Test
	void aClientThatLeftAfterAnyOfManyConcurrentPublishesGetsExactlyTheOthersOnTheOtherInstance() throws Exception {
		int each = 1000;
		Instance a = instance(2 * each);
		Instance b = instance(2 * each);
		connect(a, b);
		b.read(null, "x", "y");
		EventStreamReading client = a.read(null, "x", "y");
		List<Thread> publishers = new ArrayList<>();
		for (String topic : List.of("x", "y")) {
			Thread publisher = new Thread(() -> {
				for (int i = 0; i < each; i++) {
					a.publish(topic, topic + i);
				}
			});
			publisher.start();
			publishers.add(publisher);
		}
		List<String> onA = client.data(2 * each);
		for (Thread publisher : publishers) {
			publisher.join(WAIT.toMillis());
		}
		b.receiveAll();
		// a client that left after any of them gets the others on b, and only those
		for (int left = 0; left < 2 * each - 1; left += 7) {
			EventStreamReading resumed = b.read(client.taken().get(left).id(), "x", "y");
			List<String> missed = resumed.data(2 * each - left - 1);
			assertThat(missed).as("after %s", onA.get(left))
				.containsExactlyInAnyOrderElementsOf(onA.subList(left + 1, onA.size()));
			resumed.close();
		}
	}

	@Test
	void theIdsOfAPublishAreTheSameForEveryStreamAndNameEachOriginOnce() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		connect(a, b);
		EventStreamReading first = a.read(null, "news");
		EventStreamReading second = a.read(null, "news");
		a.publish("news", "a1");
		b.publish("news", "b1");
		a.receiveAll();
		String id = first.next().id();
		assertThat(second.next().id()).isEqualTo(id);
		String both = first.next().id();
		assertThat(Origins.parsePosition(both)).hasSize(2);
		assertThat(second.next().id()).isEqualTo(both);
	}

	@Test
	void aClientAheadOfTheInstanceItResumesOnSkipsWhatItHadAndItsIdsNeverGoBack() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		connect(a, b);
		b.read(null, "news");
		EventStreamReading client = a.read(null, "news");
		a.publish("news", "a0");
		b.receiveAll();
		a.publish("news", "a1");
		a.publish("news", "a2");
		assertThat(client.data(3)).containsExactly("a0", "a1", "a2");
		String afterA2 = client.taken().get(2).id();
		// b has not received a1 and a2 yet
		EventStreamReading resumed = b.read(afterA2, "news");
		b.publish("news", "b1");
		b.receiveAll();
		a.publish("news", "a3");
		b.receiveAll();
		assertThat(resumed.data(2)).containsExactly("b1", "a3");
		ServerSentEvent<String> b1 = resumed.taken().get(0);
		assertThat(Origins.parsePosition(b1.id())).containsAllEntriesOf(Origins.parsePosition(afterA2));
		a.receiveAll();
		EventStreamReading again = a.read(b1.id(), "news");
		assertThat(again.data(1)).containsExactly("a3");
	}

	@Test
	void anOriginTheIdDoesNotNameIsReplayedFromItsFirstPublish() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		connect(a, b);
		b.read(null, "news");
		EventStreamReading client = a.read(null, "news");
		a.publish("news", "a1");
		String afterA1 = client.next().id();
		b.receiveAll();
		Instance c = instance(10);
		connect(c, b);
		c.publish("news", "c1");
		c.publish("news", "c2");
		b.receiveAll();
		assertThat(b.read(afterA1, "news").data(2)).containsExactly("c1", "c2");
	}

	@Test
	void anIdOlderThanTheOtherInstancesBufferIsAReset() throws Exception {
		Instance a = instance(2);
		Instance b = instance(2);
		connect(a, b);
		b.read(null, "news");
		EventStreamReading client = a.read(null, "news");
		a.publish("news", "a1");
		String afterA1 = client.next().id();
		for (int i = 2; i <= 4; i++) {
			a.publish("news", "a" + i);
		}
		b.receiveAll();
		assertReset(b.read(afterA1, "news"), afterA1);
	}

	@Test
	void anIdFromBeforeTheOtherInstancesFeedIsAReset() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		connect(a, b);
		EventStreamReading client = a.read(null, "news");
		a.publish("news", "a1");
		String afterA1 = client.next().id();
		a.publish("news", "a2");
		b.receiveAll();
		// b had no stream on the topic when a2 arrived
		assertReset(b.read(afterA1, "news"), afterA1);
	}

	@Test
	void anIdOfAnInstanceThatThisOneNeverHeardIsAReset() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		b.read(null, "news");
		EventStreamReading client = a.read(null, "news");
		a.publish("news", "a1");
		String afterA1 = client.next().id();
		assertReset(b.read(afterA1, "news"), afterA1);
	}

	@Test
	void malformedIdsAreResets() throws Exception {
		Instance a = instance(10);
		a.read(null, "news");
		a.publish("news", "a1");
		for (String id : List.of("junk", "abc:", ":1", "abc:1,abc:2", "ABC:1", "abc:-1", "abc:0", "abcdefgh:1", "a:1,",
				"41")) {
			assertReset(a.read(id, "news"), id);
		}
	}

	@Test
	void eventsDeliveredWithoutTheirOriginResumeOnTheirInstanceOnly() throws Exception {
		Instance a = instance(10);
		Instance b = instance(10);
		Instance c = instance(10);
		connect(a, b, (message) -> new SyncMessage(message.namespace(), message.topic(), message.data()));
		connect(a, c, (message) -> new SyncMessage(message.namespace(), message.topic(), message.data()));
		c.read(null, "news");
		EventStreamReading client = b.read(null, "news");
		a.publish("news", "a1");
		b.receiveAll();
		c.receiveAll();
		String afterA1 = client.next().id();
		a.publish("news", "a2");
		b.receiveAll();
		c.receiveAll();
		assertThat(b.read(afterA1, "news").data(1)).containsExactly("a2");
		assertReset(c.read(afterA1, "news"), afterA1);
	}

	private static void assertReset(EventStreamReading reading, String id) throws InterruptedException {
		ServerSentEvent<String> reset = reading.next();
		assertThat(reset.event()).as("the resume of %s", id).isEqualTo(EventStream.RESET_EVENT);
		assertThat(reset.data()).isEqualTo(id);
		reading.close();
	}

	private Instance instance(int replayBufferSize) {
		Instance instance = new Instance(replayBufferSize);
		this.instances.add(instance);
		return instance;
	}

	private static void connect(Instance publisher, Instance receiver) {
		connect(publisher, receiver, UnaryOperator.identity());
		connect(receiver, publisher, UnaryOperator.identity());
	}

	/**
	 * Delivers the publishes of one instance to another, as a driver would carry them.
	 */
	private static void connect(Instance publisher, Instance receiver, UnaryOperator<SyncMessage> carried) {
		publisher.driver.receivers.add((message) -> receiver.driver.arriving.add(carried.apply(message)));
	}

	/**
	 * An instance of the application: a broker whose driver hands publishes to the other
	 * instances' queues, which the test delivers when it wants.
	 */
	private static final class Instance {

		private final TopicRegistry registry = new TopicRegistry();

		private final LoopbackDriver driver = new LoopbackDriver();

		private final Origins origins = new Origins(UUID.randomUUID(), Duration.ofMinutes(1));

		private final PubSubBroker broker;

		private final GenericApplicationContext context = new GenericApplicationContext();

		private final List<EventStreamReading> readings = new ArrayList<>();

		Instance(int replayBufferSize) {
			this.broker = new PubSubBroker(this.registry,
					new PayloadEncoder(new JsonCodec(ServerCodecConfigurer.create()), ByteBufAllocator.DEFAULT),
					this.driver, PubSubMetrics.NONE, this.origins);
			EventStreamSettings settings = new EventStreamSettings(Duration.ZERO, null,
					DataSize.ofMegabytes(1).toBytes(), replayBufferSize, Duration.ofMinutes(1));
			EventStreamRuntime runtime = new EventStreamRuntime(settings, this.registry, this.origins, SseMetrics.NONE,
					H3Observations.NONE);
			this.context.registerBean(EventStreamRuntime.class, () -> runtime);
			this.context.refresh();
		}

		EventStreamReading read(@Nullable String lastEventId, String... topics) {
			MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/events");
			if (lastEventId != null) {
				request.header("Last-Event-ID", lastEventId);
			}
			EventStream stream = WebFluxEventStreamTransport.create(
					MockServerWebExchange.builder(request.build()).applicationContext(this.context).build(),
					EventStreamOptions.defaults());
			EventStreamReading reading = new EventStreamReading();
			stream.flux().subscribe(reading);
			stream.subscribe(List.of(topics));
			this.readings.add(reading);
			return reading;
		}

		void publish(String topic, String text) {
			this.broker.publish(null, topic, text, null);
		}

		/** Delivers what the other instances published, in their order. */
		void receiveAll() {
			for (SyncMessage message = this.driver.arriving.poll(); message != null; message = this.driver.arriving
				.poll()) {
				this.driver.consumer.accept(message);
			}
		}

		void close() {
			this.readings.forEach(EventStreamReading::close);
			this.context.close();
		}

	}

	private static final class LoopbackDriver implements SyncDriver {

		private final List<Consumer<SyncMessage>> receivers = new ArrayList<>();

		private final Queue<SyncMessage> arriving = new ConcurrentLinkedQueue<>();

		private Consumer<SyncMessage> consumer = (message) -> {
		};

		@Override
		public void publish(SyncMessage message) {
			this.receivers.forEach((receiver) -> receiver.accept(message));
		}

		@Override
		public void subscribe(Consumer<SyncMessage> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void close() {
		}

	}

}
