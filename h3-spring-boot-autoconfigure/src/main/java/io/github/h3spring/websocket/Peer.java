package io.github.h3spring.websocket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One WebSocket connection, as crossws's {@code peer}. All methods are thread-safe and
 * never block: sends are queued in the peer's bounded send buffer and written in order.
 */
public interface Peer {

	/**
	 * Returns the peer's id, a random UUID.
	 * @return the id
	 */
	String id();

	/**
	 * Returns the upgrade request that opened this connection.
	 * @return the request
	 */
	UpgradeRequest request();

	/**
	 * Returns the client address.
	 * @return the address, or {@code null} when unknown
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * Returns a mutable map for the handler's per-connection state, starting with what
	 * the {@code upgrade} hook put in {@link UpgradeRequest#context()}.
	 * @return the context
	 */
	Map<String, Object> context();

	/**
	 * Returns the pub/sub namespace: the handler's path pattern unless the
	 * {@code upgrade} hook chose another.
	 * @return the namespace
	 */
	String namespace();

	/**
	 * Returns the state of the connection.
	 * @return ready state, subprotocol, extensions and URL
	 */
	WebSocketInfo websocket();

	/**
	 * Returns the open peers of this peer's namespace, this one included.
	 * @return a live, read-only view of the peers
	 */
	Set<Peer> peers();

	/**
	 * Returns the topics this peer subscribes to.
	 * @return a read-only copy of the topics
	 */
	Set<String> topics();

	/**
	 * Subscribes to a topic of this peer's namespace.
	 * @param topic the topic
	 */
	void subscribe(String topic);

	/**
	 * Unsubscribes from a topic.
	 * @param topic the topic
	 */
	void unsubscribe(String topic);

	/**
	 * Sends to every other subscriber of a topic in this peer's namespace (never to this
	 * peer), to Server-Sent Events streams subscribed to the topic and, with a backplane,
	 * to the subscribers on other instances. Encoded once, as {@link #send(Object)}.
	 * @param topic the topic
	 * @param data the payload
	 */
	void publish(String topic, Object data);

	/**
	 * Sends a message: {@code String} as a text frame, {@code byte[]} or
	 * {@code ByteBuffer} as a binary frame, a {@code Publisher} as one message per
	 * element in order, any other object as JSON text. Sending to a closed peer does
	 * nothing.
	 * @param data the payload
	 */
	void send(Object data);

	/**
	 * Returns the number of bytes queued for this peer and not yet handed to the network.
	 * @return the buffered amount in bytes
	 */
	long bufferedAmount();

	/**
	 * Completes when the send buffer is empty (immediately when it already is), or when
	 * the connection closes.
	 * @return completion
	 */
	Mono<Void> waitForDrain();

	/**
	 * Completes when the send buffer is empty, or errors with a
	 * {@link java.util.concurrent.TimeoutException} after the timeout.
	 * @param timeout how long to wait
	 * @return completion
	 */
	Mono<Void> waitForDrain(Duration timeout);

	/**
	 * Sends a ping frame.
	 * @param data the payload, at most 125 bytes
	 */
	void ping(byte[] data);

	/**
	 * Closes the connection normally (code 1000).
	 */
	void close();

	/**
	 * Closes the connection with a code and a reason.
	 * @param code the close code, such as 1000 or 4000 to 4999 for an application's own
	 * @param reason the reason, at most 123 bytes of UTF-8
	 */
	void close(int code, String reason);

	/**
	 * Drops the connection at once, without a close handshake.
	 */
	void terminate();

	/**
	 * Returns the peer's id.
	 * @return {@link #id()}
	 */
	@Override
	String toString();

}
