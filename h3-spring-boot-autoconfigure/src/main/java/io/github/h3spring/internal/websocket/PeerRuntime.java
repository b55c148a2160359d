package io.github.h3spring.internal.websocket;

import java.time.Duration;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.internal.pubsub.PubSubBroker;

/**
 * What the peers of one handler share: its hooks, the pub/sub broker, the peer registry,
 * the limits and the handler's metrics.
 *
 * @param hooks the handler's hooks, as each connection calls them
 * @param broker the pub/sub broker
 * @param peers the registry of open peers
 * @param maxMessageSize the largest message accepted, in bytes, fragments assembled
 * @param sendBufferLimit the most bytes queued for one peer before it is closed
 * @param idleTimeout how long a peer may stay silent before it is dropped, zero for ever
 * @param metrics the handler's metrics
 */
public record PeerRuntime(HandlerHooks hooks, PubSubBroker broker, PeerRegistry peers, int maxMessageSize,
		long sendBufferLimit, Duration idleTimeout, WebSocketMetrics metrics) {

	public JsonCodec json() {
		return this.broker.encoder().json();
	}

}
