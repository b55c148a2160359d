package io.github.h3spring.internal.handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.jsonrpc.JsonRpcEndpoint;
import io.github.h3spring.internal.jsonrpc.JsonRpcEndpointFactory;
import io.github.h3spring.jsonrpc.JsonRpcService;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Finds the {@code @H3Handler} beans (annotated classes and {@code @Bean} methods) and
 * checks them, failing start-up with an {@link InvalidH3HandlerException} that says what
 * to fix.
 */
public final class H3HandlerScanner {

	private final ListableBeanFactory beanFactory;

	private final Environment environment;

	private final JsonRpcEndpointFactory jsonRpc;

	public H3HandlerScanner(ListableBeanFactory beanFactory, Environment environment, JsonRpcEndpointFactory jsonRpc) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.jsonRpc = jsonRpc;
	}

	public List<H3HandlerDefinition> scan() {
		List<H3HandlerDefinition> definitions = new ArrayList<>();
		Map<String, Mapping> mappings = new HashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(H3Handler.class)) {
			H3Handler annotation = this.beanFactory.findAnnotationOnBean(beanName, H3Handler.class);
			if (annotation == null) {
				continue;
			}
			H3HandlerDefinition definition = define(beanName, annotation, this.beanFactory.getBean(beanName));
			for (PathPattern pattern : definition.patterns()) {
				Mapping mapping = new Mapping(beanName, pattern.getPatternString());
				Mapping existing = mappings.putIfAbsent(PatternShape.of(pattern), mapping);
				if (existing != null) {
					throw conflict(existing, mapping);
				}
			}
			definitions.add(definition);
		}
		return definitions;
	}

	private static InvalidH3HandlerException conflict(Mapping first, Mapping second) {
		String beans = "@H3Handler beans '" + first.beanName() + "' and '" + second.beanName() + "'";
		if (first.pattern().equals(second.pattern())) {
			return new InvalidH3HandlerException(beans + " are both mapped to '" + first.pattern() + "'",
					"Give each @H3Handler its own path, or merge the two beans into one handler.");
		}
		return new InvalidH3HandlerException(
				beans + " are mapped to '" + first.pattern() + "' and '" + second.pattern()
						+ "', which match the same requests: only one of the two handlers would ever be called",
				"Give each @H3Handler its own path (patterns that differ only in the names of their variables, "
						+ "or in /** against /{*name}, are the same path), or merge the two beans into one handler.");
	}

	private H3HandlerDefinition define(String beanName, H3Handler annotation, Object bean) {
		boolean http = bean instanceof EventHandler;
		boolean hooks = bean instanceof WebSocketHooks;
		boolean reactiveHooks = bean instanceof ReactiveWebSocketHooks;
		String type = bean.getClass().getName();
		if (hooks && reactiveHooks) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' (" + type
							+ ") implements both WebSocketHooks and ReactiveWebSocketHooks",
					"Implement only one of them: WebSocketHooks for hooks that return void, "
							+ "ReactiveWebSocketHooks for hooks that return Mono.");
		}
		if (bean instanceof JsonRpcService service) {
			return defineJsonRpc(beanName, annotation, service, http);
		}
		if (!http && !hooks && !reactiveHooks) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' (" + type
							+ ") implements neither EventHandler nor WebSocketHooks",
					"Implement io.github.h3spring.EventHandler (HTTP), io.github.h3spring.websocket.WebSocketHooks or "
							+ "ReactiveWebSocketHooks (WebSocket), or remove @H3Handler.");
		}
		return new H3HandlerDefinition(beanName, patterns(beanName, annotation), methods(beanName, annotation),
				annotation.blocking(), http ? (EventHandler) bean : null, (hooks || reactiveHooks) ? bean : null, null);
	}

	private H3HandlerDefinition defineJsonRpc(String beanName, H3Handler annotation, JsonRpcService service,
			boolean http) {
		if (http) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' (" + service.getClass().getName()
							+ ") implements both JsonRpcService and EventHandler",
					"Serve JSON-RPC and other HTTP requests from two beans on two paths: the HTTP side of a "
							+ "JsonRpcService's path is JSON-RPC.");
		}
		if (annotation.method().length > 0) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' implements JsonRpcService and declares HTTP methods "
							+ List.of(annotation.method()),
					"Remove method from @H3Handler: JSON-RPC is served over POST, other methods answer 405.");
		}
		JsonRpcEndpoint endpoint = this.jsonRpc.create(beanName, service, JsonRpcMethodScanner.scan(beanName, service),
				annotation.blocking());
		return new H3HandlerDefinition(beanName, patterns(beanName, annotation), Set.of(), annotation.blocking(), null,
				endpoint.webSocketHooks(), endpoint);
	}

	private List<PathPattern> patterns(String beanName, H3Handler annotation) {
		String[] paths = annotation.path();
		if (paths.length == 0) {
			throw new InvalidH3HandlerException("@H3Handler bean '" + beanName + "' declares no path",
					"Give the annotation at least one path, for example @H3Handler(\"/_ws\").");
		}
		Map<String, PathPattern> patterns = new LinkedHashMap<>();
		for (String path : paths) {
			String resolved = this.environment.resolveRequiredPlaceholders(path).trim();
			if (!resolved.startsWith("/")) {
				throw invalidPattern(beanName, resolved, "it does not start with '/'");
			}
			PathPattern pattern;
			try {
				pattern = PathPatternParser.defaultInstance.parse(resolved);
			}
			catch (PatternParseException ex) {
				throw invalidPattern(beanName, resolved, ex.toDetailedString());
			}
			PathPattern existing = patterns.putIfAbsent(PatternShape.of(pattern), pattern);
			if (existing != null && !existing.equals(pattern)) {
				throw new InvalidH3HandlerException(
						"@H3Handler bean '" + beanName + "' declares '" + existing.getPatternString() + "' and '"
								+ resolved + "', which match the same requests",
						"Keep one of the two paths: patterns that differ only in the names of their variables, "
								+ "or in /** against /{*name}, are the same path.");
			}
		}
		return List.copyOf(patterns.values());
	}

	private static InvalidH3HandlerException invalidPattern(String beanName, String pattern, String reason) {
		return new InvalidH3HandlerException(
				"@H3Handler bean '" + beanName + "' has an invalid path pattern '" + pattern + "': " + reason,
				"Use a Spring PathPattern that starts with '/', such as /chat or /rooms/{room}.");
	}

	private static Set<HttpMethod> methods(String beanName, H3Handler annotation) {
		Set<HttpMethod> methods = new LinkedHashSet<>();
		for (String method : annotation.method()) {
			if (!StringUtils.hasText(method)) {
				throw new InvalidH3HandlerException("@H3Handler bean '" + beanName + "' has a blank HTTP method",
						"List HTTP method names such as \"GET\" or \"POST\", or leave method empty for all.");
			}
			methods.add(HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)));
		}
		return Set.copyOf(methods);
	}

	/**
	 * One pattern of one bean, as declared.
	 *
	 * @param beanName the bean
	 * @param pattern the pattern as written, placeholders resolved
	 */
	private record Mapping(String beanName, String pattern) {
	}

}
