package io.github.h3spring.internal.pubsub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The subscribers of one topic, grouped by the event loop they send from. A publish reaches
 * each group in one task on its event loop (inline when the publisher runs there), so the
 * publisher hands off once per event loop instead of once per subscriber, and every frame is
 * written by the thread that owns its connection.
 * <p>
 * Not thread-safe for changes: {@link TopicRegistry} adds and removes under its map's lock.
 */
final class TopicSubscribers {

	/** The group of subscribers that any thread may deliver to. */
	private static final Object ANY_THREAD = new Object();

	private final Map<Object, Set<TopicSubscriber>> groups = new ConcurrentHashMap<>(4);

	void add(TopicSubscriber subscriber) {
		this.groups.computeIfAbsent(groupOf(subscriber), (key) -> ConcurrentHashMap.newKeySet()).add(subscriber);
	}

	void remove(TopicSubscriber subscriber) {
		Object group = groupOf(subscriber);
		Set<TopicSubscriber> members = this.groups.get(group);
		if (members != null && members.remove(subscriber) && members.isEmpty()) {
			this.groups.remove(group);
		}
	}

	boolean isEmpty() {
		return this.groups.isEmpty();
	}

	int size() {
		return this.groups.values().stream().mapToInt(Set::size).sum();
	}

	/**
	 * Delivers to every subscriber but the sender: now for the groups that this thread may
	 * serve, in a task on their event loop for the others (the task holds its own reference to
	 * the payload).
	 */
	void deliver(Payload payload, @Nullable TopicSubscriber sender) {
		this.groups.forEach((group, members) -> {
			if (group == ANY_THREAD || ((EventExecutor) group).inEventLoop()) {
				deliverEach(members, payload, sender);
			}
			else {
				payload.retain();
				((EventExecutor) group).execute(() -> {
					try {
						deliverEach(members, payload, sender);
					}
					finally {
						payload.release();
					}
				});
			}
		});
	}

	private static void deliverEach(Set<TopicSubscriber> members, Payload payload, @Nullable TopicSubscriber sender) {
		for (TopicSubscriber subscriber : members) {
			if (subscriber != sender) {
				subscriber.deliver(payload);
			}
		}
	}

	private static Object groupOf(TopicSubscriber subscriber) {
		EventExecutor executor = subscriber.executor();
		return (executor != null) ? executor : ANY_THREAD;
	}

}
