package io.github.h3spring.internal.handler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
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
 * Finds the {@code @H3Handler} beans (annotated classes and {@code @Bean} methods) and checks
 * them, failing start-up with an {@link InvalidH3HandlerException} that says what to fix.
 */
public final class H3HandlerScanner {

	private final ListableBeanFactory beanFactory;

	private final Environment environment;

	public H3HandlerScanner(ListableBeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	public List<H3HandlerDefinition> scan() {
		List<H3HandlerDefinition> definitions = new ArrayList<>();
		Map<PathPattern, String> owners = new HashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(H3Handler.class)) {
			H3Handler annotation = this.beanFactory.findAnnotationOnBean(beanName, H3Handler.class);
			if (annotation == null) {
				continue;
			}
			H3HandlerDefinition definition = define(beanName, annotation, this.beanFactory.getBean(beanName));
			for (PathPattern pattern : definition.patterns()) {
				String owner = owners.putIfAbsent(pattern, beanName);
				if (owner != null) {
					throw new InvalidH3HandlerException(
							"@H3Handler beans '" + owner + "' and '" + beanName + "' are both mapped to '"
									+ pattern.getPatternString() + "'",
							"Give each @H3Handler its own path, or merge the two beans into one handler.");
				}
			}
			definitions.add(definition);
		}
		return definitions;
	}

	private H3HandlerDefinition define(String beanName, H3Handler annotation, Object bean) {
		boolean http = bean instanceof EventHandler;
		boolean hooks = bean instanceof WebSocketHooks;
		boolean reactiveHooks = bean instanceof ReactiveWebSocketHooks;
		String type = bean.getClass().getName();
		if (hooks && reactiveHooks) {
			throw new InvalidH3HandlerException("@H3Handler bean '" + beanName + "' (" + type
					+ ") implements both WebSocketHooks and ReactiveWebSocketHooks",
					"Implement only one of them: WebSocketHooks for hooks that return void, "
							+ "ReactiveWebSocketHooks for hooks that return Mono.");
		}
		if (!http && !hooks && !reactiveHooks) {
			throw new InvalidH3HandlerException(
					"@H3Handler bean '" + beanName + "' (" + type
							+ ") implements neither EventHandler nor WebSocketHooks",
					"Implement io.github.h3spring.EventHandler (HTTP), io.github.h3spring.websocket.WebSocketHooks or "
							+ "ReactiveWebSocketHooks (WebSocket), or remove @H3Handler.");
		}
		return new H3HandlerDefinition(beanName, patterns(beanName, annotation), methods(beanName, annotation),
				annotation.blocking(), http ? (EventHandler) bean : null, (hooks || reactiveHooks) ? bean : null);
	}

	private List<PathPattern> patterns(String beanName, H3Handler annotation) {
		String[] paths = annotation.path();
		if (paths.length == 0) {
			throw new InvalidH3HandlerException("@H3Handler bean '" + beanName + "' declares no path",
					"Give the annotation at least one path, for example @H3Handler(\"/_ws\").");
		}
		Set<PathPattern> patterns = new LinkedHashSet<>();
		for (String path : paths) {
			String resolved = this.environment.resolveRequiredPlaceholders(path).trim();
			if (!resolved.startsWith("/")) {
				throw invalidPattern(beanName, resolved, "it does not start with '/'");
			}
			try {
				patterns.add(PathPatternParser.defaultInstance.parse(resolved));
			}
			catch (PatternParseException ex) {
				throw invalidPattern(beanName, resolved, ex.toDetailedString());
			}
		}
		return List.copyOf(patterns);
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

}
