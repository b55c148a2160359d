package io.github.h3spring.internal.webmvc;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.handler.HttpRoute;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.observation.ObservedEventHandler;

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
	public static RouterFunction<ServerResponse> build(List<H3HandlerDefinition> definitions, long maxInMemorySize,
			H3Observations observations) {
		List<HttpRoute> routes = HttpRoute.mostSpecificFirst(definitions);
		if (routes.isEmpty()) {
			return (request) -> Optional.empty();
		}
		// one function per handler, shared by its patterns
		Map<H3HandlerDefinition, HandlerFunction<ServerResponse>> functions = new IdentityHashMap<>();
		RouterFunctions.Builder builder = RouterFunctions.route();
		for (HttpRoute route : routes) {
			HandlerFunction<ServerResponse> function = functions.computeIfAbsent(route.definition(),
					(definition) -> handlerFunction(definition, maxInMemorySize, observations));
			builder.route(predicate(route), function);
		}
		return builder.build();
	}

	private static RequestPredicate predicate(HttpRoute route) {
		RequestPredicate path = RequestPredicates.path(route.pattern().getPatternString());
		return route.methods().isEmpty() ? path
				: path.and(RequestPredicates.methods(route.methods().toArray(HttpMethod[]::new)));
	}

	private static HandlerFunction<ServerResponse> handlerFunction(H3HandlerDefinition definition, long maxInMemorySize,
			H3Observations observations) {
		if (definition.jsonRpc() != null) {
			return new JsonRpcHttpHandler(definition.jsonRpc(), maxInMemorySize);
		}
		EventHandler eventHandler = definition.eventHandler();
		if (eventHandler == null) {
			return (request) -> ServerResponse.status(HttpStatus.UPGRADE_REQUIRED)
				.header(HttpHeaders.UPGRADE, "websocket")
				.header(HttpHeaders.CONNECTION, "Upgrade")
				.contentType(MediaType.TEXT_PLAIN)
				.body(HttpRoute.HOOKS_ONLY);
		}
		// the servlet stack keeps the observation of the HTTP request in scope: it is the
		// parent
		EventHandler handler = ObservedEventHandler.of(definition.beanName(), eventHandler, observations);
		return (request) -> {
			try {
				return ResponseConverter.toResponse(handler.handle(new DefaultH3Event(request, maxInMemorySize)));
			}
			catch (H3Exception ex) {
				return ResponseConverter.toResponse(ex);
			}
		};
	}

}
