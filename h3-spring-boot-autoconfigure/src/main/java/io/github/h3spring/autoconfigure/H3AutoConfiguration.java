package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.handler.H3HandlerScanner;
import io.github.h3spring.internal.http.H3RouterFunctions;
import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.metrics.PubSubMetrics;
import io.github.h3spring.internal.pubsub.PayloadEncoder;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.sse.EventStreamRuntime;
import io.github.h3spring.internal.sse.EventStreamSettings;
import io.github.h3spring.internal.websocket.DefaultWebSocketHub;
import io.github.h3spring.internal.websocket.H3WebSocketHandlerMapping;
import io.github.h3spring.internal.websocket.OriginPolicy;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.internal.websocket.WebSocketEndpoints;
import io.github.h3spring.internal.websocket.WebSocketSettings;
import io.github.h3spring.internal.websocket.WebSocketShutdown;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.websocket.WebSocketHub;
import io.netty.buffer.ByteBufAllocator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration that serves {@link H3Handler @H3Handler} beans: one
 * {@link RouterFunction} for their HTTP side and one WebSocket handler mapping, ordered
 * before it, for their hooks.
 */
@AutoConfiguration(after = WebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpServer.class)
@ConditionalOnBooleanProperty(name = "h3.enabled", matchIfMissing = true)
@EnableConfigurationProperties(H3Properties.class)
public final class H3AutoConfiguration {

	private static final Log logger = LogFactory.getLog(H3AutoConfiguration.class);

	/** How long shutdown waits for peers to finish their close handshake. */
	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	H3Handlers h3Handlers(ListableBeanFactory beanFactory, Environment environment) {
		List<H3HandlerDefinition> definitions = new H3HandlerScanner(beanFactory, environment).scan();
		for (H3HandlerDefinition definition : definitions) {
			definition.patterns()
				.forEach((pattern) -> logger.info("Mapped " + pattern.getPatternString() + " to " + definition.describe()));
		}
		return new H3Handlers(definitions);
	}

	@Bean
	@ConditionalOnMissingBean
	TopicRegistry h3TopicRegistry() {
		return new TopicRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	PeerRegistry h3PeerRegistry() {
		return new PeerRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	PubSubBroker h3PubSubBroker(TopicRegistry topics, ServerCodecConfigurer codecs,
			ObjectProvider<SyncDriver> syncDriver, ObjectProvider<H3Metrics> metrics, H3Properties properties) {
		PayloadEncoder encoder = new PayloadEncoder(new JsonCodec(codecs), ByteBufAllocator.DEFAULT);
		SyncDriver driver = syncDriver.getIfUnique();
		H3Properties.Pubsub.Sync sync = properties.getPubsub().getSync();
		if (driver == null && sync != H3Properties.Pubsub.Sync.NONE) {
			throw new IllegalStateException("h3.pubsub.sync=" + sync.name().toLowerCase(Locale.ROOT)
					+ " but no backplane could be configured: " + ((sync == H3Properties.Pubsub.Sync.REDIS)
							? "add spring-boot-starter-data-redis-reactive and set spring.data.redis.*"
							: "add spring-boot-starter-r2dbc with r2dbc-postgresql and set spring.r2dbc.url"));
		}
		PubSubMetrics pubsubMetrics = (driver != null) ? metrics(metrics).pubsub() : PubSubMetrics.NONE;
		return new PubSubBroker(topics, encoder, driver, pubsubMetrics);
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketHub webSocketHub(PeerRegistry peers, PubSubBroker broker) {
		return new DefaultWebSocketHub(peers, broker);
	}

	@Bean
	@ConditionalOnMissingBean
	EventStreamRuntime h3EventStreamRuntime(TopicRegistry topics, H3Properties properties,
			ObjectProvider<H3Metrics> metrics) {
		H3Properties.Sse sse = properties.getSse();
		EventStreamSettings settings = new EventStreamSettings(sse.getKeepAlive(), sse.getRetry(),
				sse.getSendBufferLimit().toBytes(), sse.getReplayBufferSize(), sse.getReplayTimeToLive());
		return new EventStreamRuntime(settings, topics, metrics(metrics).sse());
	}

	@Bean
	@Order(0)
	RouterFunction<ServerResponse> h3RouterFunction(H3Handlers handlers) {
		return H3RouterFunctions.build(handlers.definitions(), Schedulers.boundedElastic());
	}

	@Bean
	UpgradeGuard h3UpgradeGuard(H3Properties properties, PeerRegistry peers) {
		H3Properties.WebSocket websocket = properties.getWebsocket();
		return new UpgradeGuard(OriginPolicy.of(websocket.getAllowedOrigins()), websocket.getMaxConnections(), peers);
	}

	@Bean
	WebSocketShutdown h3WebSocketShutdown(WebSocketHub hub, PeerRegistry peers, UpgradeGuard guard) {
		return new WebSocketShutdown(hub, peers, guard, SHUTDOWN_TIMEOUT);
	}

	@Bean
	H3WebSocketHandlerMapping h3WebSocketHandlerMapping(H3Handlers handlers, PubSubBroker broker, PeerRegistry peers,
			UpgradeGuard guard, H3Properties properties, ObjectProvider<H3Metrics> metrics) {
		H3Properties.WebSocket websocket = properties.getWebsocket();
		WebSocketSettings settings = new WebSocketSettings(Math.toIntExact(websocket.getMaxMessageSize().toBytes()),
				websocket.getSendBufferLimit().toBytes(), websocket.isCompression(), websocket.getIdleTimeout());
		return WebSocketEndpoints.handlerMapping(handlers.definitions(), broker, peers, settings, guard,
				Schedulers.boundedElastic(), metrics(metrics));
	}

	private static H3Metrics metrics(ObjectProvider<H3Metrics> metrics) {
		return metrics.getIfAvailable(() -> H3Metrics.NONE);
	}

	/**
	 * The {@code @H3Handler} beans found at start-up, checked.
	 *
	 * @param definitions the handlers
	 */
	record H3Handlers(List<H3HandlerDefinition> definitions) {
	}

}
