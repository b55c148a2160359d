package io.github.h3spring.internal.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TopicRegistry}: who receives a publish, on which thread, in which
 * order, and who owns the shared payload.
 */
class TopicRegistryTests {

	private final TopicRegistry registry = new TopicRegistry();

	@Test
	void subscribersReceiveOnThePublishersThread() {
		Recorder first = new Recorder();
		Recorder second = new Recorder();
		this.registry.subscribe("/chat", "news", first);
		this.registry.subscribe("/chat", "news", second);
		publish("/chat", "news", "hello", null);
		assertThat(first.texts).containsExactly("hello");
		assertThat(second.texts).containsExactly("hello");
		assertThat(first.threads).containsOnly(Thread.currentThread());
	}

	@Test
	void publishesFromOneThreadArriveInOrder() {
		Recorder subscriber = new Recorder();
		this.registry.subscribe("/chat", "news", subscriber);
		List<String> sent = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 200; i++) {
			sent.add("message " + i);
			publish("/chat", "news", "message " + i, null);
		}
		assertThat(subscriber.texts).containsExactlyElementsOf(sent);
	}

	@Test
	void theSenderIsSkipped() {
		Recorder sender = new Recorder();
		Recorder other = new Recorder();
		this.registry.subscribe("/chat", "news", sender);
		this.registry.subscribe("/chat", "news", other);
		publish("/chat", "news", "hello", sender);
		assertThat(other.texts).containsExactly("hello");
		assertThat(sender.texts).isEmpty();
	}

	@Test
	void thePayloadIsFreedWithThePublishersReferenceWhenNoSubscriberKeepsIt() {
		Recorder reader = new Recorder();
		this.registry.subscribe("/chat", "news", reader);
		this.registry.subscribe("/chat", "news", new Recorder());
		ByteBuf content = Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8);
		Payload payload = new Payload(content, false);
		this.registry.deliver("/chat", "news", payload, null);
		payload.release();
		assertThat(content.refCnt()).isZero();
		assertThat(reader.texts).containsExactly("hello");
	}

	@Test
	void anyNamespaceSubscribersHearEveryNamespace() {
		Recorder stream = new Recorder();
		this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, "news", stream);
		publish("/chat", "news", "from chat", null);
		publish("/feed", "news", "from feed", null);
		publish(null, "news", "to everyone", null);
		assertThat(stream.texts).containsExactly("from chat", "from feed", "to everyone");
	}

	@Test
	void unsubscribingTheLastSubscriberRemovesTheTopic() {
		Recorder onFirst = new Recorder();
		Recorder onSecond = new Recorder();
		this.registry.subscribe("/chat", "news", onFirst);
		this.registry.subscribe("/chat", "news", onSecond);
		assertThat(this.registry.subscriberCounts()).containsEntry("news", 2);
		this.registry.unsubscribe("/chat", "news", onFirst);
		assertThat(this.registry.subscriberCounts()).containsEntry("news", 1);
		this.registry.unsubscribe("/chat", "news", onSecond);
		assertThat(this.registry.subscriberCounts()).isEmpty();
	}

	private void publish(@Nullable String namespace, String topic, String text, @Nullable TopicSubscriber sender) {
		Payload payload = new Payload(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), false);
		try {
			this.registry.deliver(namespace, topic, payload, sender);
		}
		finally {
			payload.release();
		}
	}

	/** Records what it receives and on which thread. */
	private static final class Recorder implements TopicSubscriber {

		final List<String> texts = new CopyOnWriteArrayList<>();

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		@Override
		public void deliver(Payload payload) {
			this.threads.add(Thread.currentThread());
			this.texts.add(payload.text());
		}

	}

}
