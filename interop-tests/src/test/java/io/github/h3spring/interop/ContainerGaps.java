package io.github.h3spring.interop;

import org.junit.jupiter.api.Assumptions;

/**
 * Where a servlet container does not yet give an independent client what the WebFlux
 * transport gives it. The suite runs on every stack ({@code h3.stack}: {@code webflux},
 * the default, {@code tomcat} or {@code jetty}); the checks below are skipped, with the
 * reason, only where a gap is known, so that a fix shows up as a check that runs.
 */
final class ContainerGaps {

	private static final String STACK = System.getProperty("h3.stack", "webflux");

	private ContainerGaps() {
	}

	/**
	 * An oversized message: the containers close with 1009 themselves and drop the
	 * connection with the rest of the message unread, so clients, browsers included,
	 * often see a reset (1006) and may lose what was sent just before.
	 */
	static void assumeCleanCloseOnOversizedMessage() {
		Assumptions.assumeTrue(STACK.equals("webflux"),
				() -> STACK + " resets the connection after its own 1009, before the client has read the Close frame");
	}

	/**
	 * A server close to undici with permessage-deflate: Jetty ends the TCP connection
	 * before the client has inflated what came before the Close frame.
	 */
	static void assumeCleanServerClose(NodeWebSocketClient client, boolean compressed) {
		Assumptions.assumeFalse(STACK.equals("jetty") && compressed && client == NodeWebSocketClient.UNDICI,
				"jetty closes the connection before undici has inflated the messages sent before the Close frame");
	}

}
