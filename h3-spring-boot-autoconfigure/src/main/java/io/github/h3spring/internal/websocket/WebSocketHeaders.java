package io.github.h3spring.internal.websocket;

/**
 * Header names of the RFC 6455 handshake.
 */
final class WebSocketHeaders {

	static final String KEY = "Sec-WebSocket-Key";

	static final String VERSION = "Sec-WebSocket-Version";

	static final String PROTOCOL = "Sec-WebSocket-Protocol";

	static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	private WebSocketHeaders() {
	}

}
