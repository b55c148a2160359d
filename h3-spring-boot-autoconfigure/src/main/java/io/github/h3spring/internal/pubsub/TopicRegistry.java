package io.github.h3spring.internal.pubsub;

import java.util.Map;
import java.util.Set;
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

	private final Map<String, Map<String, Set<TopicSubscriber>>> namespaces = new ConcurrentHashMap<>();

	public void subscribe(String namespace, String topic, TopicSubscriber subscriber) {
		this.namespaces.computeIfAbsent(namespace, (key) -> new ConcurrentHashMap<>())
			.compute(topic, (key, subscribers) -> {
				Set<TopicSubscriber> set = (subscribers != null) ? subscribers : ConcurrentHashMap.newKeySet();
				set.add(subscriber);
				return set;
			});
	}

	public void unsubscribe(String namespace, String topic, TopicSubscriber subscriber) {
		Map<String, Set<TopicSubscriber>> topics = this.namespaces.get(namespace);
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
	 * @return how many subscribers received it
	 */
	public int deliver(@Nullable String namespace, String topic, Payload payload, @Nullable TopicSubscriber sender) {
		if (namespace == null) {
			int delivered = 0;
			for (Map<String, Set<TopicSubscriber>> topics : this.namespaces.values()) {
				delivered += deliver(topics, topic, payload, sender);
			}
			return delivered;
		}
		return deliver(this.namespaces.get(namespace), topic, payload, sender)
				+ (ANY_NAMESPACE.equals(namespace) ? 0
						: deliver(this.namespaces.get(ANY_NAMESPACE), topic, payload, sender));
	}

	private static int deliver(@Nullable Map<String, Set<TopicSubscriber>> topics, String topic, Payload payload,
			@Nullable TopicSubscriber sender) {
		Set<TopicSubscriber> subscribers = (topics != null) ? topics.get(topic) : null;
		if (subscribers == null) {
			return 0;
		}
		int delivered = 0;
		for (TopicSubscriber subscriber : subscribers) {
			if (subscriber != sender) {
				subscriber.deliver(payload);
				delivered++;
			}
		}
		return delivered;
	}

	/** Subscriber counts by topic, all namespaces together. */
	public Map<String, Integer> subscriberCounts() {
		Map<String, Integer> counts = new TreeMap<>();
		this.namespaces.values()
			.forEach((topics) -> topics.forEach((topic, subscribers) -> counts.merge(topic, subscribers.size(), Integer::sum)));
		return counts;
	}

}
