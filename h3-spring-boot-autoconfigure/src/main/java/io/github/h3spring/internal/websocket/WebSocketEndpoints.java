package io.github.h3spring.internal.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.web.util.pattern.PathPattern;

/**
 * Builds the WebSocket side of the {@code @H3Handler}s: one upgrade handler per handler, all
 * behind one {@link H3WebSocketHandlerMapping}.
 */
public final class WebSocketEndpoints {

	private WebSocketEndpoints() {
	}

	public static H3WebSocketHandlerMapping handlerMapping(List<H3HandlerDefinition> definitions, PubSubBroker broker,
			PeerRegistry peers, WebSocketSettings settings, Scheduler offload) {
		// handlePing: pings reach the ping hook; the peer answers them itself
		Supplier<WebsocketServerSpec.Builder> spec = () -> WebsocketServerSpec.builder()
			.handlePing(true)
			.compress(settings.compression())
			.maxFramePayloadLength(settings.maxMessageSize());
		List<H3WebSocketHandlerMapping.Route> routes = new ArrayList<>();
		for (H3HandlerDefinition definition : definitions) {
			Object hooks = definition.hooks();
			if (hooks == null) {
				continue;
			}
			PeerRuntime runtime = new PeerRuntime(PeerHooks.of(hooks, definition.blocking() ? offload : null), broker,
					peers, settings.maxMessageSize(), settings.sendBufferLimit());
			for (PathPattern pattern : definition.patterns()) {
				UpgradeHandler handler = new UpgradeHandler(pattern.getPatternString(), runtime, spec,
						settings.compression());
				routes.add(new H3WebSocketHandlerMapping.Route(pattern, handler));
			}
		}
		return new H3WebSocketHandlerMapping(routes);
	}

}
