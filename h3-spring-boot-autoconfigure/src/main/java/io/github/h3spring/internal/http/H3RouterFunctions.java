package io.github.h3spring.internal.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.handler.H3HandlerDefinition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Builds the one {@link RouterFunction} that serves the HTTP side of every
 * {@code @H3Handler}: {@code EventHandler}s, and {@code 426 Upgrade Required} on paths that
 * only speak WebSocket.
 */
public final class H3RouterFunctions {

	private H3RouterFunctions() {
	}

	/**
	 * Returns the routes of the given handlers; without handlers, a router that matches
	 * nothing. Routes are tried most specific pattern first, in {@link PathPattern}'s order,
	 * as the WebSocket handler mapping tries them, so that a request that two overlapping
	 * patterns match reaches the same handler on both sides whatever the order of the beans.
	 */
	public static RouterFunction<ServerResponse> build(List<H3HandlerDefinition> definitions,
			Scheduler offload) {
		List<Route> routes = new ArrayList<>();
		for (H3HandlerDefinition definition : definitions) {
			HandlerFunction<ServerResponse> function = handlerFunction(definition, offload);
			for (PathPattern pattern : definition.patterns()) {
				routes.add(new Route(pattern, predicate(pattern, definition), function));
			}
		}
		if (routes.isEmpty()) {
			return (request) -> Mono.empty();
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

	private static HandlerFunction<ServerResponse> handlerFunction(H3HandlerDefinition definition, Scheduler offload) {
		if (definition.jsonRpc() != null) {
			return new JsonRpcHttpHandler(definition.jsonRpc());
		}
		EventHandler handler = definition.eventHandler();
		if (handler == null) {
			return (request) -> ServerResponse.status(HttpStatus.UPGRADE_REQUIRED)
				.header(HttpHeaders.UPGRADE, "websocket")
				.header(HttpHeaders.CONNECTION, "Upgrade")
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue("This path only accepts WebSocket connections");
		}
		return (request) -> {
			Mono<ServerResponse> response = Mono
				.defer(() -> {
					try {
						return ResponseConverter.toResponse(handler.handle(new DefaultH3Event(request)));
					}
					catch (Exception ex) {
						return Mono.error(ex);
					}
				});
			if (definition.blocking()) {
				response = response.subscribeOn(offload);
			}
			return response.onErrorResume(H3Exception.class, ResponseConverter::toResponse);
		};
	}

	private record Route(PathPattern pattern, RequestPredicate predicate, HandlerFunction<ServerResponse> function) {
	}

}
