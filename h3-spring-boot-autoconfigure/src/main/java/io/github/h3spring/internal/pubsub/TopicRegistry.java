package io.github.h3spring.internal.pubsub;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Subscribers by namespace and topic. A subscriber registered under
 * {@link #ANY_NAMESPACE} (a Server-Sent Events stream) receives a topic's publishes from
 * every namespace.
 * <p>
 * Namespaces and topics are in the maps only while they have subscribers: clients choose
 * both, so emptied entries are dropped. Changes to a namespace run under the outer map's
 * lock for it, so a subscribe never lands in a topic map that an unsubscribe just
 * dropped.
 */
public final class TopicRegistry {

	/** The namespace of subscribers that hear every namespace. */
	public static final String ANY_NAMESPACE = "*";

	private final Map<String, Map<String, TopicSubscribers>> namespaces = new ConcurrentHashMap<>();

	public void subscribe(String namespace, String topic, TopicSubscriber subscriber) {
		this.namespaces.compute(namespace, (key, existing) -> {
			Map<String, TopicSubscribers> topics = (existing != null) ? existing : new ConcurrentHashMap<>();
			topics.computeIfAbsent(topic, (name) -> new TopicSubscribers()).add(subscriber);
			return topics;
		});
	}

	public void unsubscribe(String namespace, String topic, TopicSubscriber subscriber) {
		this.namespaces.computeIfPresent(namespace, (key, topics) -> {
			topics.computeIfPresent(topic, (name, subscribers) -> {
				subscribers.remove(subscriber);
				return subscribers.isEmpty() ? null : subscribers;
			});
			return topics.isEmpty() ? null : topics;
		});
	}

	/**
	 * Delivers to the subscribers of a topic in one namespace (and those of any
	 * namespace), or in every namespace when {@code namespace} is {@code null}, skipping
	 * {@code sender}. Every subscriber receives it on this thread, in the order of this
	 * thread's publishes.
	 */
	public void deliver(@Nullable String namespace, String topic, Payload payload, @Nullable TopicSubscriber sender) {
		deliverToAnyNamespace(topic, payload, sender);
		deliverToNamespace(namespace, topic, payload, sender);
	}

	/**
	 * Delivers to the subscribers of a topic under {@link #ANY_NAMESPACE} only, skipping
	 * {@code sender}.
	 */
	public void deliverToAnyNamespace(String topic, Payload payload, @Nullable TopicSubscriber sender) {
		deliver(this.namespaces.get(ANY_NAMESPACE), topic, payload, sender);
	}

	/**
	 * Delivers to the subscribers of a topic in one namespace, or in every namespace when
	 * {@code namespace} is {@code null}, but not to those under {@link #ANY_NAMESPACE};
	 * skips {@code sender}.
	 */
	public void deliverToNamespace(@Nullable String namespace, String topic, Payload payload,
			@Nullable TopicSubscriber sender) {
		if (namespace == null) {
			this.namespaces.forEach((name, topics) -> {
				if (!ANY_NAMESPACE.equals(name)) {
					deliver(topics, topic, payload, sender);
				}
			});
		}
		else if (!ANY_NAMESPACE.equals(namespace)) {
			deliver(this.namespaces.get(namespace), topic, payload, sender);
		}
	}

	private static void deliver(@Nullable Map<String, TopicSubscribers> topics, String topic, Payload payload,
			@Nullable TopicSubscriber sender) {
		TopicSubscribers subscribers = (topics != null) ? topics.get(topic) : null;
		if (subscribers != null) {
			subscribers.deliver(payload, sender);
		}
	}

	/** Subscriber counts by topic, all namespaces together. */
	public Map<String, Integer> subscriberCounts() {
		Map<String, Integer> counts = new TreeMap<>();
		this.namespaces.values()
			.forEach((topics) -> topics
				.forEach((topic, subscribers) -> counts.merge(topic, subscribers.size(), Integer::sum)));
		return counts;
	}

}
