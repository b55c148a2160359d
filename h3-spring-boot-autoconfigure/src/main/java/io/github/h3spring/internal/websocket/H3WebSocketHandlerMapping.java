package io.github.h3spring.internal.websocket;

import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Routes WebSocket upgrade requests ({@code Upgrade: websocket}) of {@code @H3Handler}
 * paths to their hooks. Ordered ahead of the router function, so one path can serve
 * WebSocket and plain HTTP.
 */
public final class H3WebSocketHandlerMapping extends AbstractHandlerMapping {

	/** Ahead of {@code RouterFunctionMapping} (-1). */
	public static final int ORDER = -2;

	private final List<Route> routes;

	H3WebSocketHandlerMapping(List<Route> routes) {
		this.routes = routes.stream().sorted(Comparator.comparing(Route::pattern)).toList();
		setOrder(ORDER);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		if (!isWebSocketUpgrade(exchange)) {
			return Mono.empty();
		}
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		for (Route route : this.routes) {
			PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(path);
			if (match != null) {
				exchange.getAttributes().put(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, match.getUriVariables());
				exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route.pattern());
				return Mono.just(route.handler());
			}
		}
		return Mono.empty();
	}

	private static boolean isWebSocketUpgrade(ServerWebExchange exchange) {
		String upgrade = exchange.getRequest().getHeaders().getUpgrade();
		return upgrade != null && "websocket".equalsIgnoreCase(upgrade);
	}

	/**
	 * A path pattern and the handler of its upgrades.
	 *
	 * @param pattern the path pattern
	 * @param handler the upgrade handler
	 */
	record Route(PathPattern pattern, WebHandler handler) {
	}

}
