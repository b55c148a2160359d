package io.github.h3spring.internal.pubsub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The subscribers of one topic. A publish is handed to each of them on the publisher's
 * thread: each queues it in its own order and writes from its own event loop, where the
 * hand-offs of one loop are batched ({@code PeerOutbound}).
 * <p>
 * Not thread-safe for changes: {@link TopicRegistry} adds and removes under its map's
 * lock.
 */
final class TopicSubscribers {

	private final Set<TopicSubscriber> members = ConcurrentHashMap.newKeySet();

	void add(TopicSubscriber subscriber) {
		this.members.add(subscriber);
	}

	void remove(TopicSubscriber subscriber) {
		this.members.remove(subscriber);
	}

	boolean isEmpty() {
		return this.members.isEmpty();
	}

	int size() {
		return this.members.size();
	}

	/** Delivers to every subscriber but the sender. */
	void deliver(Payload payload, @Nullable TopicSubscriber sender) {
		for (TopicSubscriber subscriber : this.members) {
			if (subscriber != sender) {
				subscriber.deliver(payload);
			}
		}
	}

}
