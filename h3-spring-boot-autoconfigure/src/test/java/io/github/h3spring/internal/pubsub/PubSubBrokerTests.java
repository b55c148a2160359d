package io.github.h3spring.internal.pubsub;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.metrics.PubSubMetrics;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PubSubBroker}: with a backplane, concurrent publishes reach the event
 * streams here and the driver in the order of their numbers, and remote ones keep the
 * origin they came with.
 */
class PubSubBrokerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final TopicRegistry registry = new TopicRegistry();

	private final Origins origins = new Origins(UUID.randomUUID(), Duration.ofMinutes(1));

	private final BlockingDriver driver = new BlockingDriver();

	private final PubSubBroker broker = new PubSubBroker(this.registry,
			new PayloadEncoder(new JsonCodec(ServerCodecConfigurer.create()), ByteBufAllocator.DEFAULT), this.driver,
			PubSubMetrics.NONE, this.origins);

	private final List<Long> reachedStreams = new CopyOnWriteArrayList<>();

	@Test
	void aPublishToAnotherTopicWaitsUntilTheDriverHasTheEarlierOneSoBothLeaveInNumberOrder() throws Exception {
		TopicSubscriber stream = (payload) -> this.reachedStreams.add(payload.number());
		this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, "x", stream);
		this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, "y", stream);
		Thread first = new Thread(() -> this.broker.publish(null, "x", "x1", null));
		first.start();
		assertThat(this.driver.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Thread second = new Thread(() -> this.broker.publish(null, "y", "y1", null));
		second.start();
		// parked on the broker's lock, or (were there none) done already
		await().atMost(WAIT)
			.until(() -> second.getState() == Thread.State.WAITING || second.getState() == Thread.State.TERMINATED);
		this.driver.release.countDown();
		first.join(WAIT.toMillis());
		second.join(WAIT.toMillis());
		assertThat(this.reachedStreams).containsExactly(1L, 2L);
		assertThat(this.driver.published).extracting((message) -> message.origin().sequence()).containsExactly(1L, 2L);
		assertThat(this.driver.published).extracting((message) -> message.origin().instance())
			.containsOnly(this.origins.instance());
	}

	@Test
	void aRemotePublishReachesTheStreamsWithItsOriginAndOneWithoutIsNumberedHere() {
		this.driver.release.countDown();
		List<Origins.Origin> reached = new CopyOnWriteArrayList<>();
		this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, "x", (payload) -> reached.add(payload.origin()));
		UUID other = UUID.randomUUID();
		this.driver.consumer.accept(new SyncMessage(null, "x", "r1", new SyncMessage.Origin(other, 4)));
		this.driver.consumer.accept(new SyncMessage(null, "x", "r2"));
		assertThat(reached).extracting(Origins.Origin::key)
			.containsExactly(Origins.key(other), this.origins.unattributed().key());
	}

	/** Blocks in its first publish until the test releases it. */
	private static final class BlockingDriver implements SyncDriver {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final List<SyncMessage> published = new CopyOnWriteArrayList<>();

		private Consumer<SyncMessage> consumer = (message) -> {
		};

		@Override
		public void publish(SyncMessage message) {
			if (this.entered.getCount() > 0) {
				this.entered.countDown();
				try {
					this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.published.add(message);
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
