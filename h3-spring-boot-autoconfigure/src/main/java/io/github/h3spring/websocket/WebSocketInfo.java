package io.github.h3spring.websocket;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The state of a peer's connection, as the browser's {@code WebSocket} object shows it.
 *
 * @param readyState {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or
 * {@link #CLOSED}
 * @param protocol the negotiated subprotocol, or {@code null}
 * @param extensions the negotiated extensions, such as {@code permessage-deflate}
 * @param url the {@code ws://} or {@code wss://} URL
 */
public record WebSocketInfo(int readyState, @Nullable String protocol, List<String> extensions, String url) {

	/** The connection is being established. */
	public static final int CONNECTING = 0;

	/** The connection is open. */
	public static final int OPEN = 1;

	/** A close frame was sent or received. */
	public static final int CLOSING = 2;

	/** The connection is closed. */
	public static final int CLOSED = 3;

}
