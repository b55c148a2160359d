package io.github.h3spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Maps a bean to one or more paths. The bean implements {@link EventHandler} (plain
 * HTTP), {@link io.github.h3spring.websocket.WebSocketHooks} or
 * {@link io.github.h3spring.websocket.ReactiveWebSocketHooks} (WebSocket), or an
 * {@code EventHandler} together with one of the hook interfaces, in which case WebSocket
 * upgrade requests go to the hooks and every other request to
 * {@link EventHandler#handle(H3Event)}. A path served by hooks alone answers plain HTTP
 * requests with {@code 426 Upgrade Required}.
 * <p>
 * On a class the annotation makes the class a component; it can also annotate a
 * {@code @Bean} method. Paths are Spring
 * {@link org.springframework.web.util.pattern.PathPattern PathPatterns} such as
 * {@code /rooms/{room}} and may contain property placeholders such as
 * {@code ${app.ws-path:/_ws}}.
 * <p>
 * The annotation is {@link Reflective}: Spring AOT registers every annotated class and
 * {@code @Bean} method for reflection, so that a native image still finds the handlers
 * and reads their paths at start-up.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Reflective
public @interface H3Handler {

	/**
	 * Alias for {@link #path()}.
	 * @return the path patterns
	 */
	@AliasFor("path")
	String[] value() default {};

	/**
	 * Path patterns served by the handler, property placeholders resolved.
	 * @return the path patterns
	 */
	@AliasFor("value")
	String[] path() default {};

	/**
	 * HTTP methods accepted by {@link EventHandler#handle(H3Event)}; empty accepts every
	 * method. WebSocket upgrades are always {@code GET}.
	 * @return the HTTP method names
	 */
	String[] method() default {};

	/**
	 * Whether the handler may block. When {@code true}, {@code handle} and the hooks run
	 * on Reactor's bounded-elastic scheduler instead of the Netty event loop (still one
	 * hook at a time, in order, per peer). Start the JVM with
	 * {@code -Dreactor.schedulers.defaultBoundedElasticOnVirtualThreads=true} on Java 21
	 * or later to run them on virtual threads.
	 * @return whether the handler's code may block
	 */
	boolean blocking() default false;

}
