package io.github.h3spring.internal.jsonrpc;

import io.github.h3spring.H3Event;
import io.github.h3spring.websocket.Peer;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a request: a WebSocket peer or an HTTP request, injected into the methods that
 * ask for it.
 *
 * @param peer the calling peer, {@code null} over HTTP
 * @param event the HTTP request, {@code null} over WebSocket
 */
public record JsonRpcCaller(@Nullable Peer peer, @Nullable H3Event event) {

	public static JsonRpcCaller of(Peer peer) {
		return new JsonRpcCaller(peer, null);
	}

	public static JsonRpcCaller of(H3Event event) {
		return new JsonRpcCaller(null, event);
	}

}
