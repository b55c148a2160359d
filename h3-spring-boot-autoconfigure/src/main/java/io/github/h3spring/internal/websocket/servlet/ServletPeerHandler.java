package io.github.h3spring.internal.websocket.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import io.github.h3spring.internal.websocket.PeerHooks;
import io.github.h3spring.internal.websocket.PeerRuntime;
import io.github.h3spring.internal.websocket.PeerSession;
import io.github.h3spring.websocket.CloseEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.StringUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The spring-websocket handler of one connection: it creates the {@link PeerSession} when
 * the container opens the session and turns what the container reports into hook calls,
 * which run in the peer's lane (never here, on the container's thread, out of turn).
 */
final class ServletPeerHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(ServletPeerHandler.class);

	private static final int MESSAGE_TOO_BIG = 1009;

	private final ServletUpgradeRequest request;

	private final String namespace;

	private final @Nullable String protocol;

	private final PeerRuntime runtime;

	private final PeerHooks hooks;

	private final ServletTransportResources resources;

	private @Nullable ServletPeerTransport transport;

	private @Nullable PeerSession peer;

	ServletPeerHandler(ServletUpgradeRequest request, String namespace, @Nullable String protocol, PeerRuntime runtime,
			PeerHooks hooks, ServletTransportResources resources) {
		this.request = request;
		this.namespace = namespace;
		this.protocol = protocol;
		this.runtime = runtime;
		this.hooks = hooks;
		this.resources = resources;
	}

	/** The subprotocol the upgrade hook agreed to, for the handshake. */
	@Nullable String protocol() {
		return this.protocol;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		int max = this.runtime.maxMessageSize();
		session.setTextMessageSizeLimit(max);
		session.setBinaryMessageSizeLimit(max);
		ServletPeerTransport transport = new ServletPeerTransport(session, this.runtime.sendBufferLimit(),
				this.resources.sender(), this.resources.scheduler());
		List<String> extensions = session.getExtensions().stream().map(WebSocketExtension::getName).toList();
		String accepted = session.getAcceptedProtocol();
		PeerSession peer = new PeerSession(this.request, this.request.webSocketUrl(), this.namespace,
				StringUtils.hasLength(accepted) ? accepted : null, extensions, this.runtime, this.hooks, transport);
		this.transport = transport;
		this.peer = peer;
		peer.run(transport.hookCalls(), transport.closeStatus()).subscribe();
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		PeerSession peer = peer();
		peer.frameReceived();
		String text = message.getPayload();
		int size = utf8Length(text);
		if (size > this.runtime.maxMessageSize()) {
			// a container counts characters, not bytes
			peer.closeForBadInput(MESSAGE_TOO_BIG, "Message larger than " + this.runtime.maxMessageSize() + " bytes");
			return;
		}
		transport().received(Mono.defer(() -> peer.textReceived(text, size)));
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		PeerSession peer = peer();
		peer.frameReceived();
		ByteBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		transport().received(Mono.defer(() -> peer.binaryReceived(bytes)));
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		PeerSession peer = peer();
		peer.frameReceived();
		ByteBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		transport().received(Mono.defer(() -> peer.pongReceived(bytes)));
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket connection of peer " + session.getId() + " failed", exception);
		}
		PeerSession peer = this.peer;
		// a dropped connection is reported by the close hook (1006), not as an error
		if (peer != null && !(exception instanceof IOException) && !(exception.getCause() instanceof IOException)) {
			transport().received(Mono.defer(() -> peer.failed(exception)));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		ServletPeerTransport transport = this.transport;
		if (transport != null) {
			transport.closed(closeEvent(status));
		}
	}

	/** 1005 and 1006 are never on the wire, so they carry no reason. */
	private static CloseEvent closeEvent(CloseStatus status) {
		int code = status.getCode();
		boolean local = code == CloseEvent.NO_STATUS || code == CloseEvent.ABNORMAL;
		return new CloseEvent(code, (local || status.getReason() == null) ? "" : status.getReason());
	}

	private PeerSession peer() {
		PeerSession peer = this.peer;
		if (peer == null) {
			throw new IllegalStateException("WebSocket session not established");
		}
		return peer;
	}

	private ServletPeerTransport transport() {
		ServletPeerTransport transport = this.transport;
		if (transport == null) {
			throw new IllegalStateException("WebSocket session not established");
		}
		return transport;
	}

	private static int utf8Length(String text) {
		int length = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x800) {
				// three bytes, or four for a surrogate pair (two chars)
				length += 2;
				if (Character.isHighSurrogate(c)) {
					i++;
				}
			}
			else if (c >= 0x80) {
				length++;
			}
		}
		return length;
	}

}
