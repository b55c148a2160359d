package io.github.h3spring.conformance;

/**
 * The web stack these suites run on, from the {@code h3.stack} system property that each
 * test module sets: conformance-tests runs them on WebFlux, webmvc-tests on Tomcat and
 * webmvc-jetty-tests on Jetty. Tests branch on it only where the stacks are documented to
 * differ (docs/websocket.md, docs/sse.md), so every other behaviour is asserted the same
 * way.
 */
public enum Stack {

	/** WebFlux on Reactor Netty. */
	WEBFLUX,

	/** Spring MVC on Tomcat. */
	TOMCAT,

	/** Spring MVC on Jetty. */
	JETTY;

	private static final Stack CURRENT = valueOf(System.getProperty("h3.stack", "webflux").toUpperCase());

	/** The stack under test. */
	public static Stack current() {
		return CURRENT;
	}

	/** Whether the stack is a servlet container (Spring MVC). */
	public boolean isServlet() {
		return this != WEBFLUX;
	}

}
