package io.github.h3spring.internal.pubsub;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Subscribers by namespace and topic. A subscriber registered under {@link #ANY_NAMESPACE}
 * (a Server-Sent Events stream) receives a topic's publishes from every namespace.
 */
public final class TopicRegistry {

	/** The namespace of subscribers that hear every namespace. */
	public static final String ANY_NAMESPACE = "*";

	private final Map<String, Map<String, TopicSubscribers>> namespaces = new ConcurrentHashMap<>();

	public void subscribe(String namespace, String topic, TopicSubscriber subscriber) {
		this.namespaces.computeIfAbsent(namespace, (key) -> new ConcurrentHashMap<>())
			.compute(topic, (key, subscribers) -> {
				TopicSubscribers set = (subscribers != null) ? subscribers : new TopicSubscribers();
				set.add(subscriber);
				return set;
			});
	}

	public void unsubscribe(String namespace, String topic, TopicSubscriber subscriber) {
		Map<String, TopicSubscribers> topics = this.namespaces.get(namespace);
		if (topics != null) {
			topics.computeIfPresent(topic, (key, subscribers) -> {
				subscribers.remove(subscriber);
				return subscribers.isEmpty() ? null : subscribers;
			});
		}
	}

	/**
	 * Delivers to the subscribers of a topic in one namespace (and those of any namespace), or
	 * in every namespace when {@code namespace} is {@code null}, skipping {@code sender}.
	 * Every subscriber receives it on this thread, in the order of this thread's publishes.
	 */
	public void deliver(@Nullable String namespace, String topic, Payload payload, @Nullable TopicSubscriber sender) {
		if (namespace == null) {
			for (Map<String, TopicSubscribers> topics : this.namespaces.values()) {
				deliver(topics, topic, payload, sender);
			}
			return;
		}
		deliver(this.namespaces.get(namespace), topic, payload, sender);
		if (!ANY_NAMESPACE.equals(namespace)) {
			deliver(this.namespaces.get(ANY_NAMESPACE), topic, payload, sender);
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
			.forEach((topics) -> topics.forEach((topic, subscribers) -> counts.merge(topic, subscribers.size(), Integer::sum)));
		return counts;
	}

}
