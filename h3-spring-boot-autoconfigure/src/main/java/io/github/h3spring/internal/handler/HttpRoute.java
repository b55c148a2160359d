package io.github.h3spring.internal.handler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One path of a handler's HTTP side, as both stacks' router functions route it.
 *
 * @param pattern the path pattern
 * @param definition the handler
 */
public record HttpRoute(PathPattern pattern, H3HandlerDefinition definition) {

	/**
	 * The body of the {@code 426 Upgrade Required} that a hooks-only path answers plain
	 * HTTP with.
	 */
	public static final String HOOKS_ONLY = "This path only accepts WebSocket connections";

	/**
	 * The routes of the handlers, most specific pattern first in {@link PathPattern}'s
	 * order, as the WebSocket handler mappings try them, so that a request two
	 * overlapping patterns match reaches the same handler on both sides whatever the
	 * order of the beans.
	 */
	public static List<HttpRoute> mostSpecificFirst(List<H3HandlerDefinition> definitions) {
		List<HttpRoute> routes = new ArrayList<>();
		for (H3HandlerDefinition definition : definitions) {
			for (PathPattern pattern : definition.patterns()) {
				routes.add(new HttpRoute(pattern, definition));
			}
		}
		routes.sort(Comparator.comparing(HttpRoute::pattern));
		return routes;
	}

	/**
	 * The HTTP methods the route serves, empty for all: a hooks-only path answers every
	 * method with {@code 426}.
	 */
	public Set<HttpMethod> methods() {
		return (this.definition.eventHandler() != null) ? this.definition.methods() : Set.of();
	}

}
