package io.github.h3spring.internal.websocket.servlet;

import java.util.ArrayList;
import java.util.List;

import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.websocket.HandlerHooks;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.internal.websocket.PeerRuntime;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.internal.websocket.WebSocketSettings;

import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Builds the Spring MVC WebSocket side of the {@code @H3Handler}s: one upgrade handler
 * per handler path, all behind one {@link ServletWebSocketHandlerMapping}; the twin of
 * {@code WebSocketEndpoints} on WebFlux.
 */
public final class ServletWebSocketEndpoints {

	private ServletWebSocketEndpoints() {
	}

	public static ServletWebSocketHandlerMapping handlerMapping(List<H3HandlerDefinition> definitions,
			PubSubBroker broker, PeerRegistry peers, WebSocketSettings settings, UpgradeGuard guard,
			HandshakeHandler handshake, ServletTransportResources resources, H3Metrics metrics,
			H3Observations observations) {
		List<ServletWebSocketHandlerMapping.Route> routes = new ArrayList<>();
		for (H3HandlerDefinition definition : definitions) {
			Object hooks = definition.hooks();
			if (hooks == null) {
				continue;
			}
			WebSocketMetrics handlerMetrics = metrics.websocket(definition.beanName());
			HandlerHooks peerHooks = new HandlerHooks(definition.beanName(), hooks,
					definition.blocking() ? resources.offload() : null, handlerMetrics, observations);
			PeerRuntime runtime = new PeerRuntime(peerHooks, broker, peers, settings.maxMessageSize(),
					settings.sendBufferLimit(), settings.idleTimeout(), handlerMetrics);
			for (PathPattern pattern : definition.patterns()) {
				ServletUpgradeHandler handler = new ServletUpgradeHandler(pattern.getPatternString(), runtime, guard,
						handshake, resources, settings.compression());
				routes.add(new ServletWebSocketHandlerMapping.Route(pattern, handler));
			}
		}
		return new ServletWebSocketHandlerMapping(routes);
	}

}
