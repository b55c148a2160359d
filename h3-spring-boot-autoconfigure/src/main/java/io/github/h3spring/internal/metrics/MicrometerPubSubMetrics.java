package io.github.h3spring.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of publishes that cross the backplane.
 */
final class MicrometerPubSubMetrics implements PubSubMetrics {

	private final Counter published;

	private final Counter received;

	MicrometerPubSubMetrics(MeterRegistry registry) {
		this.published = Counter.builder("h3.pubsub.published")
			.description("Publishes handed to the backplane for the other instances")
			.register(registry);
		this.received = Counter.builder("h3.pubsub.received")
			.description("Publishes received from the other instances")
			.register(registry);
	}

	@Override
	public void syncPublished() {
		this.published.increment();
	}

	@Override
	public void syncReceived() {
		this.received.increment();
	}

}
