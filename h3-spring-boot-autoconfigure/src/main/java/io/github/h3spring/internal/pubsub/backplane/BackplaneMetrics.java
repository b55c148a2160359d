package io.github.h3spring.internal.pubsub.backplane;

import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Backplane meters: {@code h3.pubsub.outbox.size}, {@code h3.pubsub.outbox.overflowed},
 * {@code h3.pubsub.refused}, {@code h3.pubsub.missed} and {@code h3.pubsub.connected}.
 */
public final class BackplaneMetrics implements MeterBinder {

	private final BackplaneDriver driver;

	public BackplaneMetrics(BackplaneDriver driver) {
		this.driver = driver;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		String backplane = this.driver.describe().toLowerCase(Locale.ROOT);
		Gauge.builder("h3.pubsub.outbox.size", this.driver, BackplaneDriver::outboxSize)
			.description("Publishes waiting for the backplane")
			.tag("backplane", backplane)
			.register(registry);
		FunctionCounter.builder("h3.pubsub.outbox.overflowed", this.driver, BackplaneDriver::overflowed)
			.description("Publishes not sent to other instances because the outbox was full")
			.tag("backplane", backplane)
			.register(registry);
		FunctionCounter.builder("h3.pubsub.refused", this.driver, BackplaneDriver::refused)
			.description("Publishes not sent to other instances because the backplane server refused them")
			.tag("backplane", backplane)
			.register(registry);
		FunctionCounter.builder("h3.pubsub.missed", this.driver, BackplaneDriver::missed)
			.description("Publishes of other instances that could not be replayed after a disconnection")
			.tag("backplane", backplane)
			.register(registry);
		Gauge
			.builder("h3.pubsub.connected", this.driver,
					(driver) -> (driver.state() == BackplaneDriver.State.CONNECTED) ? 1 : 0)
			.description("Whether the backplane is connected")
			.tag("backplane", backplane)
			.register(registry);
	}

}
