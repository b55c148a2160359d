package io.github.h3spring.scaleout;

import java.util.Locale;

import org.springframework.boot.WebApplicationType;

/**
 * A web stack an {@link Instance} runs on. The {@code h3.stack} system property names the
 * stack of the module under test: {@code webflux} in backplane-tests, {@code tomcat} in
 * webmvc-backplane-tests and {@code jetty} in webmvc-jetty-backplane-tests.
 */
enum Stack {

	/** Spring WebFlux on Reactor Netty. */
	WEBFLUX(WebApplicationType.REACTIVE, "Netty"),

	/** Spring MVC on Tomcat. */
	TOMCAT(WebApplicationType.SERVLET, "Tomcat"),

	/** Spring MVC on Jetty. */
	JETTY(WebApplicationType.SERVLET, "Jetty");

	private static final Stack CURRENT = valueOf(System.getProperty("h3.stack", "webflux").toUpperCase(Locale.ROOT));

	private final WebApplicationType type;

	private final String server;

	Stack(WebApplicationType type, String server) {
		this.type = type;
		this.server = server;
	}

	/** The stack of the module under test. */
	static Stack current() {
		return CURRENT;
	}

	WebApplicationType type() {
		return this.type;
	}

	/**
	 * How the simple class name of this stack's {@code WebServer} starts
	 * ({@code JettyServletWebServer}).
	 */
	String server() {
		return this.server;
	}

}
