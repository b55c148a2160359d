package io.github.h3spring.internal.webmvc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.handler.H3HandlerDefinition;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Builds the one Spring MVC {@link RouterFunction} that serves the HTTP side of every
 * {@code @H3Handler}, the twin of the WebFlux one: {@code EventHandler}s, and
 * {@code 426 Upgrade Required} on paths that only speak WebSocket. Handlers run on the
 * servlet thread, so {@code blocking} ones need no offloading here.
 */
public final class H3RouterFunctions {

	private H3RouterFunctions() {
	}

	/**
	 * Returns the routes of the given handlers; without handlers, a router that matches
	 * nothing. Routes are tried most specific pattern first, as on WebFlux.
	 * @param definitions the handlers
	 * @param maxInMemorySize the most bytes a body reader holds, beyond which it answers
	 * {@code 413}
	 * @return the routes
	 */
	public static RouterFunction<ServerResponse> build(List<H3HandlerDefinition> definitions, long maxInMemorySize) {
		List<Route> routes = new ArrayList<>();
		for (H3HandlerDefinition definition : definitions) {
			HandlerFunction<ServerResponse> function = handlerFunction(definition, maxInMemorySize);
			for (PathPattern pattern : definition.patterns()) {
				routes.add(new Route(pattern, predicate(pattern, definition), function));
			}
		}
		if (routes.isEmpty()) {
			return (request) -> Optional.empty();
		}
		routes.sort(Comparator.comparing(Route::pattern));
		RouterFunctions.Builder builder = RouterFunctions.route();
		routes.forEach((route) -> builder.route(route.predicate(), route.function()));
		return builder.build();
	}

	private static RequestPredicate predicate(PathPattern pattern, H3HandlerDefinition definition) {
		RequestPredicate path = RequestPredicates.path(pattern.getPatternString());
		if (definition.eventHandler() == null || definition.methods().isEmpty()) {
			return path;
		}
		return path.and(RequestPredicates.methods(definition.methods().toArray(HttpMethod[]::new)));
	}

	private static HandlerFunction<ServerResponse> handlerFunction(H3HandlerDefinition definition,
			long maxInMemorySize) {
		if (definition.jsonRpc() != null) {
			return new JsonRpcHttpHandler(definition.jsonRpc(), maxInMemorySize);
		}
		EventHandler handler = definition.eventHandler();
		if (handler == null) {
			return (request) -> ServerResponse.status(HttpStatus.UPGRADE_REQUIRED)
				.header(HttpHeaders.UPGRADE, "websocket")
				.header(HttpHeaders.CONNECTION, "Upgrade")
				.contentType(MediaType.TEXT_PLAIN)
				.body("This path only accepts WebSocket connections");
		}
		return (request) -> {
			try {
				return ResponseConverter.toResponse(handler.handle(new DefaultH3Event(request, maxInMemorySize)));
			}
			catch (H3Exception ex) {
				return ResponseConverter.toResponse(ex);
			}
		};
	}

	private record Route(PathPattern pattern, RequestPredicate predicate, HandlerFunction<ServerResponse> function) {
	}

}
