package io.github.h3spring.websocket;

import java.util.Set;

/**
 * The server side of every WebSocket peer, available as a bean: list peers, publish to a
 * topic from anywhere (a controller, a scheduled task), close everyone.
 */
public interface WebSocketHub {

	/**
	 * Returns every open peer of every handler.
	 * @return a live, read-only view of the peers
	 */
	Set<Peer> peers();

	/**
	 * Returns the open peers of one namespace.
	 * @param namespace the namespace, by default the handler's path pattern
	 * @return a live, read-only view of the peers
	 */
	Set<Peer> peers(String namespace);

	/**
	 * Publishes to every subscriber of a topic in every namespace, including Server-Sent
	 * Events streams subscribed to it and, when a backplane is configured, the
	 * subscribers on every other instance. The payload is encoded once: {@code String} as
	 * a text frame, {@code byte[]} or {@code ByteBuffer} as a binary frame, any other
	 * object as JSON text.
	 * @param topic the topic
	 * @param data the payload
	 */
	void publish(String topic, Object data);

	/**
	 * Closes every open peer.
	 * @param code the close code
	 * @param reason the close reason
	 */
	void closeAll(int code, String reason);

}
