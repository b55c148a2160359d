package io.github.h3spring.internal.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pub/sub backplane meters.
 */
final class MicrometerBackplaneMetrics implements BackplaneMetrics {

	private final Counter published;

	private final Counter received;

	private final Counter outboxDropped;

	private final AtomicInteger connected = new AtomicInteger();

	MicrometerBackplaneMetrics(MeterRegistry registry) {
		this.published = Counter.builder("h3.backplane.publishes")
			.description("Publishes sent to the other instances")
			.register(registry);
		this.received = Counter.builder("h3.backplane.receives")
			.description("Publishes received from the other instances")
			.register(registry);
		this.outboxDropped = Counter.builder("h3.backplane.outbox.drops")
			.description("Publishes dropped while the backplane was unreachable and its outbox full")
			.register(registry);
		Gauge.builder("h3.backplane.connected", this.connected, AtomicInteger::get)
			.description("Whether the backplane connection is up (1) or down (0)")
			.strongReference(true)
			.register(registry);
	}

	@Override
	public void published() {
		this.published.increment();
	}

	@Override
	public void received() {
		this.received.increment();
	}

	@Override
	public void outboxDropped() {
		this.outboxDropped.increment();
	}

	@Override
	public void connectionChanged(boolean connected) {
		this.connected.set(connected ? 1 : 0);
	}

}
