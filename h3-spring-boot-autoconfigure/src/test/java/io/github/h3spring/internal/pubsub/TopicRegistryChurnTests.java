package io.github.h3spring.internal.pubsub;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers in namespaces that clients choose come and go: the registry keeps nothing
 * for a namespace or topic once its last subscriber has left, measured in the heap.
 */
class TopicRegistryChurnTests {

	private static final int NAMESPACES = 200_000;

	@Test
	void aNamespaceWhoseLastSubscriberLeftIsNotKept() {
		TopicRegistry registry = new TopicRegistry();
		TopicSubscriber subscriber = (payload) -> {
		};
		long before = liveHeap();
		for (int i = 0; i < NAMESPACES; i++) {
			String namespace = "/rooms/room-" + i;
			registry.subscribe(namespace, "chat", subscriber);
			registry.unsubscribe(namespace, "chat", subscriber);
		}
		long held = liveHeap() - before;
		assertThat(held).as("heap held after %d namespaces came and went", NAMESPACES).isLessThan(4 * 1024 * 1024);
		assertThat(registry.subscriberCounts()).isEmpty();
	}

	private static long liveHeap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
