package io.github.h3spring.internal.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Server-Sent Events meters.
 */
final class MicrometerSseMetrics implements SseMetrics {

	private final AtomicInteger open = new AtomicInteger();

	private final Counter events;

	MicrometerSseMetrics(MeterRegistry registry) {
		Gauge.builder("h3.sse.streams", this.open, AtomicInteger::get)
			.description("Open Server-Sent Events streams")
			.strongReference(true)
			.register(registry);
		this.events = Counter.builder("h3.sse.events")
			.description("Events pushed to Server-Sent Events streams")
			.register(registry);
	}

	@Override
	public void streamOpened() {
		this.open.incrementAndGet();
	}

	@Override
	public void streamClosed() {
		this.open.decrementAndGet();
	}

	@Override
	public void eventPushed() {
		this.events.increment();
	}

}
