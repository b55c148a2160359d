package io.github.h3spring.internal.websocket.servlet;

import java.io.IOException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Drops a container's WebSocket connection at once, for {@code terminate()} and the
 * liveness check: a half-open peer would never answer a Close frame, and the Jakarta API
 * has no call that ends the connection without that handshake. Tomcat and Jetty each have
 * one on their session; on another container the connection is closed with {@code 1001}.
 */
final class ConnectionDrop {

	private static final ClassLoader LOADER = ConnectionDrop.class.getClassLoader();

	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession", LOADER);

	private static final boolean JETTY = ClassUtils
		.isPresent("org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession", LOADER);

	private ConnectionDrop() {
	}

	static void drop(WebSocketSession session) throws IOException {
		Session container = (session instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(Session.class) : null;
		if (!(TOMCAT && Tomcat.drop(container)) && !(JETTY && Jetty.drop(container))) {
			session.close(CloseStatus.GOING_AWAY);
		}
	}

	/**
	 * Loaded only when Tomcat is: sends the Close frame and closes the socket without
	 * waiting.
	 */
	private static final class Tomcat {

		static boolean drop(@Nullable Session session) {
			if (session instanceof WsSession tomcat) {
				CloseReason away = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "");
				tomcat.doClose(away, away, true);
				return true;
			}
			return false;
		}

	}

	/** Loaded only when Jetty is. */
	private static final class Jetty {

		static boolean drop(@Nullable Session session) {
			if (session instanceof JakartaWebSocketSession jetty) {
				jetty.abort();
				return true;
			}
			return false;
		}

	}

}
