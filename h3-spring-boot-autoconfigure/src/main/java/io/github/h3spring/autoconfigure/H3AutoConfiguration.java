package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.handler.H3HandlerScanner;
import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.jsonrpc.JsonRpcEndpointFactory;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.metrics.PubSubMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.Origins;
import io.github.h3spring.internal.pubsub.PayloadEncoder;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.internal.sse.EventStreamRuntime;
import io.github.h3spring.internal.sse.EventStreamSettings;
import io.github.h3spring.internal.websocket.DefaultWebSocketHub;
import io.github.h3spring.internal.websocket.OriginPolicy;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.internal.websocket.WebSocketShutdown;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.websocket.WebSocketHub;
import io.netty.buffer.ByteBufAllocator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;

/**
 * Auto-configuration of the transport-neutral core behind {@link H3Handler @H3Handler}
 * beans: the handlers found at start-up, peers, topics, pub/sub, event streams, the
 * upgrade guard and shutdown. Each web stack's transport serves them
 * ({@link H3WebFluxAutoConfiguration}); a stack without one is a start-up failure that
 * names the fix ({@link H3StackCheck}).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "h3.enabled", matchIfMissing = true)
@EnableConfigurationProperties(H3Properties.class)
public final class H3AutoConfiguration {

	private static final Log logger = LogFactory.getLog(H3AutoConfiguration.class);

	/** How long shutdown waits for peers to finish their close handshake. */
	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	H3Handlers h3Handlers(ListableBeanFactory beanFactory, Environment environment, JsonCodec json,
			H3Properties properties, ObjectProvider<H3Metrics> metrics) {
		H3Properties.Jsonrpc jsonrpc = properties.getJsonrpc();
		JsonRpcEndpointFactory jsonRpc = new JsonRpcEndpointFactory(json, jsonrpc.getMaxBatchSize(),
				OriginPolicy.of(jsonrpc.getAllowedOrigins())::allows, Schedulers.boundedElastic(),
				metrics(metrics).jsonrpc());
		List<H3HandlerDefinition> definitions = new H3HandlerScanner(beanFactory, environment, jsonRpc).scan();
		for (H3HandlerDefinition definition : definitions) {
			definition.patterns()
				.forEach((pattern) -> logger
					.info("Mapped " + pattern.getPatternString() + " to " + definition.describe()));
		}
		return new H3Handlers(definitions);
	}

	@Bean
	static H3StackCheck h3StackCheck(ApplicationContext context, H3Handlers handlers) {
		return new H3StackCheck(context, handlers);
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

	/**
	 * JSON as the application writes it: WebFlux's codecs when there are any, else the
	 * application's {@link JsonMapper} (a Spring MVC application has no reactive codecs).
	 */
	@Bean
	JsonCodec h3JsonCodec(ObjectProvider<ServerCodecConfigurer> codecs, ObjectProvider<JsonMapper> jsonMapper) {
		ServerCodecConfigurer configurer = codecs.getIfAvailable();
		if (configurer != null) {
			return new JsonCodec(configurer);
		}
		ServerCodecConfigurer own = ServerCodecConfigurer.create();
		jsonMapper.ifAvailable((mapper) -> {
			own.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(mapper));
			own.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper));
		});
		return new JsonCodec(own);
	}

	/**
	 * The publishing instances that topic event ids name: this one under the id its
	 * backplane sends, the others forgotten as the backplane forgets them.
	 */
	@Bean
	@ConditionalOnMissingBean
	Origins h3Origins(ObjectProvider<SyncDriver> syncDriver, H3Properties properties) {
		UUID instance = (syncDriver.getIfUnique() instanceof BackplaneDriver backplane) ? backplane.instance()
				: UUID.randomUUID();
		return new Origins(instance, properties.getPubsub().getReplayWindow());
	}

	@Bean
	@ConditionalOnMissingBean
	PubSubBroker h3PubSubBroker(TopicRegistry topics, JsonCodec json, ObjectProvider<SyncDriver> syncDriver,
			ObjectProvider<H3Metrics> metrics, H3Properties properties, Origins origins) {
		PayloadEncoder encoder = new PayloadEncoder(json, ByteBufAllocator.DEFAULT);
		SyncDriver driver = syncDriver.getIfUnique();
		H3Properties.Pubsub.Sync sync = properties.getPubsub().getSync();
		if (driver == null && sync != H3Properties.Pubsub.Sync.NONE) {
			throw new IllegalStateException(
					"h3.pubsub.sync=" + sync.name().toLowerCase(Locale.ROOT) + " but no backplane could be configured: "
							+ ((sync == H3Properties.Pubsub.Sync.REDIS)
									? "add spring-boot-starter-data-redis-reactive and set spring.data.redis.*"
									: "add spring-boot-starter-r2dbc with r2dbc-postgresql and set spring.r2dbc.url"));
		}
		PubSubMetrics pubsubMetrics = (driver != null) ? metrics(metrics).pubsub() : PubSubMetrics.NONE;
		return new PubSubBroker(topics, encoder, driver, pubsubMetrics, origins);
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketHub webSocketHub(PeerRegistry peers, PubSubBroker broker) {
		return new DefaultWebSocketHub(peers, broker);
	}

	@Bean
	@ConditionalOnMissingBean
	EventStreamRuntime h3EventStreamRuntime(TopicRegistry topics, Origins origins, H3Properties properties,
			ObjectProvider<H3Metrics> metrics, ObjectProvider<H3Observations> observations) {
		H3Properties.Sse sse = properties.getSse();
		EventStreamSettings settings = new EventStreamSettings(sse.getKeepAlive(), sse.getRetry(),
				sse.getSendBufferLimit().toBytes(), sse.getReplayBufferSize(), sse.getReplayTimeToLive());
		return new EventStreamRuntime(settings, topics, origins, metrics(metrics).sse(), observations(observations));
	}

	@Bean
	UpgradeGuard h3UpgradeGuard(H3Properties properties) {
		H3Properties.WebSocket websocket = properties.getWebsocket();
		return new UpgradeGuard(OriginPolicy.of(websocket.getAllowedOrigins(), websocket.getAllowedHosts()),
				websocket.getMaxConnections());
	}

	@Bean
	WebSocketShutdown h3WebSocketShutdown(WebSocketHub hub, PeerRegistry peers, UpgradeGuard guard) {
		return new WebSocketShutdown(hub, peers, guard, SHUTDOWN_TIMEOUT);
	}

	static H3Metrics metrics(ObjectProvider<H3Metrics> metrics) {
		return metrics.getIfAvailable(() -> H3Metrics.NONE);
	}

	static H3Observations observations(ObjectProvider<H3Observations> observations) {
		return observations.getIfAvailable(() -> H3Observations.NONE);
	}

	/**
	 * The {@code @H3Handler} beans found at start-up, checked.
	 *
	 * @param definitions the handlers
	 */
	record H3Handlers(List<H3HandlerDefinition> definitions) {
	}

}
