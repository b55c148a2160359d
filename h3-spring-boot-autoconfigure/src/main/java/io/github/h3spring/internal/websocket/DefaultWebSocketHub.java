package io.github.h3spring.internal.websocket;

import java.util.List;
import java.util.Set;

import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHub;

/**
 * The {@link WebSocketHub} bean: the peer registry and the broker behind one small API.
 */
public final class DefaultWebSocketHub implements WebSocketHub {

	private final PeerRegistry peers;

	private final PubSubBroker broker;

	public DefaultWebSocketHub(PeerRegistry peers, PubSubBroker broker) {
		this.peers = peers;
		this.broker = broker;
	}

	@Override
	public Set<Peer> peers() {
		return this.peers.all();
	}

	@Override
	public Set<Peer> peers(String namespace) {
		return this.peers.inNamespace(namespace);
	}

	@Override
	public void publish(String topic, Object data) {
		this.broker.publish(null, topic, data, null);
	}

	@Override
	public void closeAll(int code, String reason) {
		for (Peer peer : List.copyOf(this.peers.all())) {
			peer.close(code, reason);
		}
	}

}
