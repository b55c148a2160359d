package io.github.h3spring.internal.pubsub;

import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * Something that receives the publishes of the topics it subscribed to: a WebSocket peer or a
 * Server-Sent Events stream.
 */
public interface TopicSubscriber {

	/**
	 * Delivers one publish. Called on the subscriber's {@link #executor()} when it has one,
	 * else on the publisher's thread; must not block and must not keep the payload without
	 * taking its own reference.
	 */
	void deliver(Payload payload);

	/**
	 * The event loop this subscriber sends from, or {@code null} when any thread will do. The
	 * subscribers of one event loop receive a publish together, in one task on that loop.
	 */
	default @Nullable EventExecutor executor() {
		return null;
	}

}
