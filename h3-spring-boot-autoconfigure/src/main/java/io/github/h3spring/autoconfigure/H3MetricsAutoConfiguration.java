package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.metrics.MicrometerH3Metrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that records the h3 runtime's work as Micrometer meters
 * ({@code h3.websocket.*}, {@code h3.sse.*}, {@code h3.pubsub.*}) when the application
 * has a {@link MeterRegistry}.
 */
@AutoConfiguration(before = H3AutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "h3.enabled", matchIfMissing = true)
public final class H3MetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	H3Metrics h3Metrics(MeterRegistry registry) {
		return new MicrometerH3Metrics(registry);
	}

}
