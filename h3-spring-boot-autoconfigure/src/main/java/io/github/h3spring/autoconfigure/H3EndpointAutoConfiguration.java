package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.actuate.H3Endpoint;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.sse.EventStreamRuntime;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.pubsub.SyncDriver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code h3} Actuator endpoint, available when exposed like any
 * other ({@code management.endpoints.web.exposure.include=health,h3}).
 */
@AutoConfiguration(after = H3AutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(H3AutoConfiguration.H3Handlers.class)
@ConditionalOnAvailableEndpoint(H3Endpoint.class)
public final class H3EndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	H3Endpoint h3Endpoint(H3AutoConfiguration.H3Handlers handlers, PeerRegistry peers, TopicRegistry topics,
			EventStreamRuntime streams, ObjectProvider<SyncDriver> syncDriver) {
		return new H3Endpoint(handlers.definitions(), peers, topics, streams, syncDriver.getIfUnique());
	}

}
