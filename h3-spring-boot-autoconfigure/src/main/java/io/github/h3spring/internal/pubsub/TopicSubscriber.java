package io.github.h3spring.internal.pubsub;

/**
 * Something that receives the publishes of the topics it subscribed to: a WebSocket peer or a
 * Server-Sent Events stream.
 */
public interface TopicSubscriber {

	/**
	 * Delivers one publish. Called on the publisher's thread; must not block and must not keep
	 * the payload without taking its own reference.
	 */
	void deliver(Payload payload);

}
