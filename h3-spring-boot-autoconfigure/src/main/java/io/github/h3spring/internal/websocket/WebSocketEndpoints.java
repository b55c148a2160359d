package io.github.h3spring.internal.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.web.util.pattern.PathPattern;

/**
 * Builds the WebSocket side of the {@code @H3Handler}s: one upgrade handler per handler,
 * all behind one {@link H3WebSocketHandlerMapping}.
 */
public final class WebSocketEndpoints {

	private WebSocketEndpoints() {
	}

	public static H3WebSocketHandlerMapping handlerMapping(List<H3HandlerDefinition> definitions, PubSubBroker broker,
			PeerRegistry peers, WebSocketSettings settings, UpgradeGuard guard, Scheduler offload, H3Metrics metrics,
			H3Observations observations) {
		// handlePing: pings reach the ping hook; the peer answers them itself.
		// Compression is installed by UpgradeHandler, bounded, instead of Reactor Netty's
		// unbounded one.
		Supplier<WebsocketServerSpec.Builder> spec = () -> WebsocketServerSpec.builder()
			.handlePing(true)
			.compress(false)
			.maxFramePayloadLength(settings.maxMessageSize());
		List<H3WebSocketHandlerMapping.Route> routes = new ArrayList<>();
		for (H3HandlerDefinition definition : definitions) {
			Object hooks = definition.hooks();
			if (hooks == null) {
				continue;
			}
			WebSocketMetrics handlerMetrics = metrics.websocket(definition.beanName());
			HandlerHooks peerHooks = new HandlerHooks(definition.beanName(), hooks,
					definition.blocking() ? offload : null, handlerMetrics, observations);
			PeerRuntime runtime = new PeerRuntime(peerHooks, broker, peers, settings.maxMessageSize(),
					settings.sendBufferLimit(), settings.idleTimeout(), handlerMetrics);
			for (PathPattern pattern : definition.patterns()) {
				UpgradeHandler handler = new UpgradeHandler(pattern.getPatternString(), runtime, guard, spec,
						settings.compression());
				routes.add(new H3WebSocketHandlerMapping.Route(pattern, handler));
			}
		}
		return new H3WebSocketHandlerMapping(routes);
	}

}
