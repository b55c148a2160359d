package io.github.h3spring.internal.websocket;

import io.github.h3spring.websocket.Peer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one place that logs hook failures, so every adapter words them the same way.
 */
final class HookErrors {

	private static final Log logger = LogFactory.getLog(PeerHooks.class);

	private HookErrors() {
	}

	static void logHookFailure(Peer peer, Throwable error) {
		logger.warn("WebSocket hook failed for peer " + peer.id() + " on " + peer.request().uri().getPath(), error);
	}

	static void logErrorHookFailure(Peer peer, Throwable error) {
		logger.error("The error hook itself failed for peer " + peer.id(), error);
	}

}
