package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.observation.EventHandlerObservationConvention;
import io.github.h3spring.observation.EventStreamObservationConvention;
import io.github.h3spring.observation.WebSocketHookObservationConvention;
import io.github.h3spring.observation.WebSocketUpgradeObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that observes the h3 runtime's work ({@code h3.websocket.upgrade},
 * {@code h3.websocket.hook}, {@code h3.http.handler}, {@code h3.sse.stream}) when the
 * application has an {@link ObservationRegistry}, with the conventions it declares as
 * beans.
 */
@AutoConfiguration(before = H3AutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = { "h3.enabled", "h3.observations.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(H3Properties.class)
public final class H3ObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	H3Observations h3Observations(ObservationRegistry registry, H3Properties properties,
			ObjectProvider<WebSocketUpgradeObservationConvention> upgrade,
			ObjectProvider<WebSocketHookObservationConvention> hook,
			ObjectProvider<EventHandlerObservationConvention> handler,
			ObjectProvider<EventStreamObservationConvention> stream) {
		return new H3Observations(registry, properties.getObservations().isWebsocketHooks(),
				new H3Observations.Conventions(upgrade.getIfUnique(), hook.getIfUnique(), handler.getIfUnique(),
						stream.getIfUnique()));
	}

}
