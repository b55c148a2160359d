package io.github.h3spring.internal.websocket.servlet;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Routes WebSocket upgrade requests ({@code Upgrade: websocket}) of {@code @H3Handler}
 * paths to their hooks on Spring MVC. Ordered ahead of the annotated controllers and the
 * router functions, so one path can serve WebSocket and plain HTTP.
 */
public final class ServletWebSocketHandlerMapping extends AbstractHandlerMapping {

	/**
	 * Ahead of {@code RouterFunctionMapping} and {@code RequestMappingHandlerMapping}.
	 */
	public static final int ORDER = -2;

	private final List<Route> routes;

	ServletWebSocketHandlerMapping(List<Route> routes) {
		this.routes = routes.stream().sorted(Comparator.comparing(Route::pattern)).toList();
		setOrder(ORDER);
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
		String upgrade = request.getHeader("Upgrade");
		if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade)) {
			return null;
		}
		PathContainer path = (ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request)
				: ServletRequestPathUtils.parseAndCache(request))
			.pathWithinApplication();
		for (Route route : this.routes) {
			PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(path);
			if (match != null) {
				request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, match.getUriVariables());
				request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
						route.pattern().getPatternString());
				return route.handler();
			}
		}
		return null;
	}

	/**
	 * A path pattern and the handler of its upgrades.
	 *
	 * @param pattern the path pattern
	 * @param handler the upgrade handler
	 */
	record Route(PathPattern pattern, HttpRequestHandler handler) {
	}

}
