package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.internal.pubsub.backplane.BackplaneHealthIndicator;
import io.github.h3spring.internal.pubsub.backplane.BackplaneMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the backplane's health indicator ({@code h3Backplane}: DOWN while
 * disconnected) and meters ({@code h3.pubsub.*}), when Spring Boot's health and
 * Micrometer are present.
 */
@AutoConfiguration(after = H3PubSubSyncAutoConfiguration.class)
@ConditionalOnBean(BackplaneDriver.class)
public final class H3BackplaneHealthAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "h3BackplaneHealthIndicator")
		HealthIndicator h3BackplaneHealthIndicator(BackplaneDriver driver) {
			return new BackplaneHealthIndicator(driver);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "h3BackplaneMetrics")
		MeterBinder h3BackplaneMetrics(BackplaneDriver driver) {
			return new BackplaneMetrics(driver);
		}

	}

}
