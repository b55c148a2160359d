package io.github.h3spring.internal.websocket.servlet;

import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;

/**
 * Stops Jetty's HTTP/2 connectors from advertising the extended {@code CONNECT} of RFC
 * 8441 (WebSocket over HTTP/2), which Jetty enables by default. Browsers that see it open
 * their WebSockets as HTTP/2 streams, a handshake that the servlet WebSocket
 * (spring-websocket's and ours) does not serve, so every such socket would fail; without
 * it they open an HTTP/1.1 connection for the WebSocket, as they do with Tomcat and
 * Reactor Netty.
 */
public final class JettyExtendedConnect {

	private JettyExtendedConnect() {
	}

	/** Disables the extended {@code CONNECT} on every HTTP/2 connector of the server. */
	public static void disable(Server server) {
		for (Connector connector : server.getConnectors()) {
			for (ConnectionFactory factory : connector.getConnectionFactories()) {
				if (factory instanceof AbstractHTTP2ServerConnectionFactory http2) {
					http2.setConnectProtocolEnabled(false);
				}
			}
		}
	}

}
