package io.github.h3spring.autoconfigure;

import java.util.List;

import io.github.h3spring.autoconfigure.H3AutoConfiguration.H3Handlers;
import io.github.h3spring.internal.diagnostics.ExplainedFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Fails the start-up when the application has {@code @H3Handler} beans on a web stack
 * that no transport serves, instead of leaving them silently unmapped (every request a
 * 404) or failing on the first upgrade.
 */
final class H3StackCheck implements SmartInitializingSingleton {

	private static final String REACTIVE_CONTEXT = "org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext";

	private static final String REACTIVE_SERVER_FACTORY = "org.springframework.boot.web.server.reactive.ReactiveWebServerFactory";

	private static final String NETTY_SERVER_FACTORY = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	private static final String REACTOR_NETTY_SERVER = "reactor.netty.http.server.HttpServer";

	private static final String WEBMVC_ROUTER_FUNCTION = "org.springframework.web.servlet.function.RouterFunction";

	private static final String SPRING_WEBSOCKET = "org.springframework.web.socket.WebSocketHandler";

	private final ApplicationContext context;

	private final H3Handlers handlers;

	H3StackCheck(ApplicationContext context, H3Handlers handlers) {
		this.context = context;
		this.handlers = handlers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.handlers.definitions().isEmpty()) {
			return;
		}
		ClassLoader classLoader = this.context.getClassLoader();
		if (!isReactive(classLoader)) {
			checkServlet(classLoader);
			return;
		}
		String server = reactiveServer(classLoader);
		if (server != null && !server.equals(NETTY_SERVER_FACTORY)) {
			throw new UnservedStackException(
					"The application has @H3Handler beans (" + beanNames() + ") on Spring WebFlux served by "
							+ ClassUtils.getShortName(server)
							+ "; h3-spring-boot-starter serves WebFlux on Reactor Netty only.",
					"Let Spring Boot pick Reactor Netty: exclude spring-boot-starter-tomcat or spring-boot-starter-jetty "
							+ "from spring-boot-starter-webflux, or set h3.enabled=false to start without the handlers.");
		}
		if (!ClassUtils.isPresent(REACTOR_NETTY_SERVER, classLoader)) {
			throw new UnservedStackException(
					"The application has @H3Handler beans (" + beanNames()
							+ ") on Spring WebFlux without Reactor Netty, which h3-spring-boot-starter serves them on.",
					"Add spring-boot-starter-reactor-netty (it comes with spring-boot-starter-webflux).");
		}
	}

	/**
	 * Spring MVC serves the HTTP side and event streams; hooks need spring-websocket too.
	 */
	private void checkServlet(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(WEBMVC_ROUTER_FUNCTION, classLoader)) {
			throw new UnservedStackException("The application has @H3Handler beans (" + beanNames()
					+ ") on a servlet container without Spring MVC, which h3-spring-boot-starter serves them with.",
					"Add spring-boot-starter-webmvc, or run the handlers on Spring WebFlux with Reactor Netty "
							+ "(spring-boot-starter-webflux), or set h3.enabled=false to start without them.");
		}
		boolean hooks = this.handlers.definitions().stream().anyMatch((definition) -> definition.hooks() != null);
		if (hooks && !ClassUtils.isPresent(SPRING_WEBSOCKET, classLoader)) {
			throw new UnservedStackException("The application has @H3Handler beans (" + beanNames()
					+ ") with WebSocket hooks on Spring MVC, where they are served through spring-websocket, which is "
					+ "not on the class path.",
					"Add spring-boot-starter-websocket (h3-spring-boot-starter-webmvc brings it), or set h3.enabled=false "
							+ "to start without the handlers.");
		}
	}

	private boolean isReactive(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(REACTIVE_CONTEXT, classLoader)
				&& ClassUtils.resolveClassName(REACTIVE_CONTEXT, classLoader).isInstance(this.context);
	}

	/**
	 * The class of the reactive web server factory, or {@code null} when there is none (a
	 * mock environment).
	 */
	private @Nullable String reactiveServer(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(REACTIVE_SERVER_FACTORY, classLoader)) {
			return null;
		}
		String[] names = this.context
			.getBeanNamesForType(ClassUtils.resolveClassName(REACTIVE_SERVER_FACTORY, classLoader));
		if (names.length == 0) {
			return null;
		}
		Class<?> type = this.context.getType(names[0]);
		return (type != null) ? ClassUtils.getUserClass(type).getName() : null;
	}

	private String beanNames() {
		List<String> names = this.handlers.definitions().stream().map((definition) -> definition.beanName()).toList();
		return String.join(", ", names);
	}

	/** A web stack that no transport serves, with what to change. */
	static final class UnservedStackException extends ExplainedFailure {

		UnservedStackException(String description, String action) {
			super(description, action);
		}

	}

}
