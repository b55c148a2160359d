package io.github.h3spring.internal.pubsub;

/**
 * Something that receives the publishes of the topics it subscribed to: a WebSocket peer
 * or a Server-Sent Events stream.
 */
public interface TopicSubscriber {

	/**
	 * Delivers one publish, on the publisher's thread, so that it takes its place among
	 * what that thread sends before and after it. Must be thread-safe, must not block and
	 * must not keep the payload without taking its own reference.
	 */
	void deliver(Payload payload);

}
