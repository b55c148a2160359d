package io.github.h3spring.internal.http;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.handler.HttpRoute;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.observation.ObservedEventHandler;
import io.github.h3spring.internal.observation.ObservedMono;
import io.micrometer.observation.Observation;
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

/**
 * Builds the one {@link RouterFunction} that serves the HTTP side of every
 * {@code @H3Handler}: {@code EventHandler}s, and {@code 426 Upgrade Required} on paths
 * that only speak WebSocket.
 */
public final class H3RouterFunctions {

	private H3RouterFunctions() {
	}

	/**
	 * Returns the routes of the given handlers, most specific pattern first
	 * ({@link HttpRoute#mostSpecificFirst}); without handlers, a router that matches
	 * nothing.
	 */
	public static RouterFunction<ServerResponse> build(List<H3HandlerDefinition> definitions, Scheduler offload,
			H3Observations observations) {
		List<HttpRoute> routes = HttpRoute.mostSpecificFirst(definitions);
		if (routes.isEmpty()) {
			return (request) -> Mono.empty();
		}
		// one function per handler, shared by its patterns
		Map<H3HandlerDefinition, HandlerFunction<ServerResponse>> functions = new IdentityHashMap<>();
		RouterFunctions.Builder builder = RouterFunctions.route();
		for (HttpRoute route : routes) {
			HandlerFunction<ServerResponse> function = functions.computeIfAbsent(route.definition(),
					(definition) -> handlerFunction(definition, offload, observations));
			builder.route(predicate(route), function);
		}
		return builder.build();
	}

	private static RequestPredicate predicate(HttpRoute route) {
		RequestPredicate path = RequestPredicates.path(route.pattern().getPatternString());
		return route.methods().isEmpty() ? path
				: path.and(RequestPredicates.methods(route.methods().toArray(HttpMethod[]::new)));
	}

	private static HandlerFunction<ServerResponse> handlerFunction(H3HandlerDefinition definition, Scheduler offload,
			H3Observations observations) {
		if (definition.jsonRpc() != null) {
			return new JsonRpcHttpHandler(definition.jsonRpc());
		}
		EventHandler eventHandler = definition.eventHandler();
		if (eventHandler == null) {
			return (request) -> ServerResponse.status(HttpStatus.UPGRADE_REQUIRED)
				.header(HttpHeaders.UPGRADE, "websocket")
				.header(HttpHeaders.CONNECTION, "Upgrade")
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue(HttpRoute.HOOKS_ONLY);
		}
		ObservedEventHandler handler = ObservedEventHandler.of(definition.beanName(), eventHandler, observations);
		return (request) -> {
			// WebFlux keeps the observation of the HTTP request in the Reactor context
			Mono<ServerResponse> response = Mono.deferContextual((context) -> {
				try {
					Object parent = context.getOrDefault(ObservedMono.CONTEXT_KEY, null);
					return ResponseConverter.toResponse(handler.handle(new DefaultH3Event(request),
							(parent instanceof Observation observation) ? observation : null));
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

}
