package io.github.h3spring.internal.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TopicRegistry}: who receives a publish, on which thread, in which order,
 * and that the shared payload is released once every event loop has delivered it.
 */
class TopicRegistryTests {

	private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);

	private final EventLoop first = this.loops.next();

	private final EventLoop second = this.loops.next();

	private final TopicRegistry registry = new TopicRegistry();

	@AfterEach
	void shutDownLoops() {
		this.loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void subscribersOfAnEventLoopReceiveOnThatLoop() {
		Recorder onFirst = new Recorder(this.first);
		Recorder onSecond = new Recorder(this.second);
		this.registry.subscribe("/chat", "news", onFirst);
		this.registry.subscribe("/chat", "news", onSecond);
		publish("/chat", "news", "hello", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> onFirst.texts.size() == 1 && onSecond.texts.size() == 1);
		assertThat(onFirst.threads).containsOnly(threadOf(this.first));
		assertThat(onSecond.threads).containsOnly(threadOf(this.second));
		assertThat(onFirst.texts).containsExactly("hello");
	}

	@Test
	void subscribersWithoutEventLoopReceiveOnThePublishersThread() {
		Recorder anyThread = new Recorder(null);
		this.registry.subscribe("/chat", "news", anyThread);
		publish("/chat", "news", "hello", null);
		assertThat(anyThread.texts).containsExactly("hello");
		assertThat(anyThread.threads).containsOnly(Thread.currentThread());
	}

	@Test
	void publishesFromOneThreadArriveInOrder() {
		Recorder onFirst = new Recorder(this.first);
		this.registry.subscribe("/chat", "news", onFirst);
		List<String> sent = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 200; i++) {
			sent.add("message " + i);
			publish("/chat", "news", "message " + i, null);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> onFirst.texts.size() == 200);
		assertThat(onFirst.texts).containsExactlyElementsOf(sent);
	}

	@Test
	void theSenderIsSkipped() {
		Recorder sender = new Recorder(this.first);
		Recorder other = new Recorder(this.first);
		this.registry.subscribe("/chat", "news", sender);
		this.registry.subscribe("/chat", "news", other);
		publish("/chat", "news", "hello", sender);
		await().atMost(Duration.ofSeconds(5)).until(() -> other.texts.size() == 1);
		assertThat(runOn(this.first, sender.texts::size)).isZero();
	}

	@Test
	void thePayloadIsReleasedOnceEveryLoopHasDelivered() {
		this.registry.subscribe("/chat", "news", new Recorder(this.first));
		this.registry.subscribe("/chat", "news", new Recorder(this.second));
		ByteBuf content = Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8);
		Payload payload = new Payload(content, false);
		this.registry.deliver("/chat", "news", payload, null);
		payload.release();
		await().atMost(Duration.ofSeconds(5)).until(() -> content.refCnt() == 0);
	}

	@Test
	void anyNamespaceSubscribersHearEveryNamespace() {
		Recorder stream = new Recorder(null);
		this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, "news", stream);
		publish("/chat", "news", "from chat", null);
		publish("/feed", "news", "from feed", null);
		publish(null, "news", "to everyone", null);
		assertThat(stream.texts).containsExactly("from chat", "from feed", "to everyone");
	}

	@Test
	void unsubscribingTheLastSubscriberRemovesTheTopic() {
		Recorder onFirst = new Recorder(this.first);
		Recorder onSecond = new Recorder(this.second);
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

	private static Thread threadOf(EventLoop loop) {
		return runOn(loop, Thread::currentThread);
	}

	private static <T> T runOn(EventLoop loop, java.util.concurrent.Callable<T> task) {
		return loop.submit(task).syncUninterruptibly().getNow();
	}

	/** Records what it receives and on which thread. */
	private static final class Recorder implements TopicSubscriber {

		private final @Nullable EventExecutor executor;

		final List<String> texts = new CopyOnWriteArrayList<>();

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		Recorder(@Nullable EventExecutor executor) {
			this.executor = executor;
		}

		@Override
		public void deliver(Payload payload) {
			this.threads.add(Thread.currentThread());
			this.texts.add(payload.text());
		}

		@Override
		public @Nullable EventExecutor executor() {
			return this.executor;
		}

	}

}
