package io.github.h3spring.internal.websocket.servlet;

import jakarta.servlet.ServletContext;
import jakarta.websocket.WebSocketContainer;

import org.springframework.web.context.ServletContextAware;

/**
 * Raises the Jakarta WebSocket container's message buffers to
 * {@code h3.websocket.max-message-size}: Tomcat sizes them when a session opens (8 KB by
 * default) and closes with 1009 beyond them, so the per-session limit alone would not let
 * larger messages in. Jetty's sessions take the per-session limit, which
 * {@link ServletPeerHandler} sets.
 */
public final class ContainerMessageLimits implements ServletContextAware {

	private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

	private final int maxMessageSize;

	public ContainerMessageLimits(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void setServletContext(ServletContext servletContext) {
		if (servletContext.getAttribute(SERVER_CONTAINER) instanceof WebSocketContainer container) {
			container.setDefaultMaxTextMessageBufferSize(this.maxMessageSize);
			container.setDefaultMaxBinaryMessageBufferSize(this.maxMessageSize);
		}
	}

}
