package io.github.h3spring.internal.websocket;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.pubsub.PubSubBroker;

/**
 * What the peers of one handler share: its hooks, the pub/sub broker, the peer registry and
 * the limits.
 *
 * @param hooks the handler's hooks
 * @param broker the pub/sub broker
 * @param peers the registry of open peers
 * @param maxMessageSize the largest message accepted, in bytes, fragments assembled
 * @param sendBufferLimit the most bytes queued for one peer before it is closed
 */
record PeerRuntime(PeerHooks hooks, PubSubBroker broker, PeerRegistry peers, int maxMessageSize,
		long sendBufferLimit) {

	JsonCodec json() {
		return this.broker.encoder().json();
	}

}
