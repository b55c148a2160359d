package io.github.h3spring.autoconfigure;

import java.time.Duration;

import io.github.h3spring.autoconfigure.H3AutoConfiguration.H3Handlers;
import io.github.h3spring.internal.http.H3RouterFunctions;
import io.github.h3spring.internal.http.RequestHeadDeadline;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.websocket.H3WebSocketHandlerMapping;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.internal.websocket.WebSocketEndpoints;
import io.github.h3spring.internal.websocket.WebSocketSettings;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The WebFlux transport on Reactor Netty: one {@link RouterFunction} for the HTTP side of
 * the {@code @H3Handler} beans and one WebSocket handler mapping, ordered before it, for
 * their hooks.
 */
@AutoConfiguration(after = H3AutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ HttpServer.class, RouterFunction.class })
@ConditionalOnBean(H3Handlers.class)
public final class H3WebFluxAutoConfiguration {

	@Bean
	@Order(0)
	RouterFunction<ServerResponse> h3RouterFunction(H3Handlers handlers, ObjectProvider<H3Observations> observations) {
		return H3RouterFunctions.build(handlers.definitions(), Schedulers.boundedElastic(),
				H3AutoConfiguration.observations(observations));
	}

	@Bean
	NettyServerCustomizer h3RequestHeadDeadline(H3Properties properties) {
		Duration timeout = properties.getWebsocket().getHandshakeTimeout();
		return (server) -> timeout.isZero() ? server : RequestHeadDeadline.install(server, timeout);
	}

	@Bean
	WebFluxConfigurer h3JsonRpcCors(ObjectProvider<H3Handlers> handlers, H3Properties properties) {
		// the handlers are looked up when the mappings are built: they need the codecs,
		// which need the configurers
		return new WebFluxConfigurer() {
			@Override
			public void addCorsMappings(CorsRegistry registry) {
				JsonRpcCorsMappings.register(handlers.getObject(), properties.getJsonrpc(),
						(path, cors) -> registry.addMapping(path).combine(cors));
			}
		};
	}

	@Bean
	H3WebSocketHandlerMapping h3WebSocketHandlerMapping(H3Handlers handlers, PubSubBroker broker, PeerRegistry peers,
			UpgradeGuard guard, H3Properties properties, ObjectProvider<H3Metrics> metrics,
			ObjectProvider<H3Observations> observations) {
		H3Properties.WebSocket websocket = properties.getWebsocket();
		WebSocketSettings settings = new WebSocketSettings(Math.toIntExact(websocket.getMaxMessageSize().toBytes()),
				websocket.getSendBufferLimit().toBytes(), websocket.isCompression(), websocket.getIdleTimeout());
		return WebSocketEndpoints.handlerMapping(handlers.definitions(), broker, peers, settings, guard,
				Schedulers.boundedElastic(), H3AutoConfiguration.metrics(metrics),
				H3AutoConfiguration.observations(observations));
	}

}
