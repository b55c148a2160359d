package io.github.h3spring.internal.websocket.servlet;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The container's handshake, told what the upgrade hook decided: the subprotocol it
 * agreed to and whether to negotiate {@code permessage-deflate} (when the container
 * offers it).
 */
public final class H3HandshakeHandler extends DefaultHandshakeHandler {

	private final boolean compression;

	public H3HandshakeHandler(boolean compression) {
		this.compression = compression;
	}

	@Override
	protected @Nullable String selectProtocol(List<String> requestedProtocols, WebSocketHandler handler) {
		return (WebSocketHandlerDecorator.unwrap(handler) instanceof ServletPeerHandler peer) ? peer.protocol() : null;
	}

	@Override
	protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
			List<WebSocketExtension> requestedExtensions, List<WebSocketExtension> supportedExtensions) {
		if (!this.compression) {
			return List.of();
		}
		return super.filterRequestedExtensions(request, requestedExtensions, supportedExtensions).stream()
			.filter((extension) -> "permessage-deflate".equalsIgnoreCase(extension.getName()))
			.toList();
	}

}
