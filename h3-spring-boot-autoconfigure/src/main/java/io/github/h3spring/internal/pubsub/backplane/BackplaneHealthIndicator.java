package io.github.h3spring.internal.pubsub.backplane;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports a backplane UP while it carries publishes, and DOWN while it connects,
 * reconnects or the server refuses publishes, with the cause, what waits in its outbox
 * and what was lost.
 */
public final class BackplaneHealthIndicator implements HealthIndicator {

	private final BackplaneDriver driver;

	public BackplaneHealthIndicator(BackplaneDriver driver) {
		this.driver = driver;
	}

	@Override
	public Health health() {
		Health.Builder builder = this.driver.isHealthy() ? Health.up() : Health.down();
		builder.withDetail("backplane", this.driver.describe())
			.withDetail("channel", this.driver.settings().channel())
			.withDetail("instance", this.driver.instance().toString())
			.withDetail("state", this.driver.state().name())
			.withDetail("outbox", this.driver.outboxSize())
			.withDetail("outboxBytes", this.driver.outboxBytes())
			.withDetail("overflowed", this.driver.overflowed())
			.withDetail("refused", this.driver.refused())
			.withDetail("missed", this.driver.missed());
		Throwable error = this.driver.lastError();
		if (error != null) {
			builder.withDetail("lastError", String.valueOf(error));
		}
		return builder.build();
	}

}
