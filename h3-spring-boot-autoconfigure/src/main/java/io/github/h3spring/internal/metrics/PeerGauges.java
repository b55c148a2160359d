package io.github.h3spring.internal.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.github.h3spring.websocket.Peer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code h3.websocket.peers} gauges, one per namespace that has open peers. Clients
 * choose namespaces, so the gauge of a namespace goes when its last peer leaves; joins
 * and leaves are serialized here, and each is reported after the peer registry changed,
 * so the gauge of a namespace that has peers is never removed.
 */
final class PeerGauges {

	private final MeterRegistry registry;

	private final Map<String, Gauge> gauges = new HashMap<>();

	PeerGauges(MeterRegistry registry) {
		this.registry = registry;
	}

	synchronized void joined(Peer peer) {
		this.gauges.computeIfAbsent(peer.namespace(),
				(namespace) -> Gauge.builder("h3.websocket.peers", peer.peers(), Set::size)
					.description("Open WebSocket peers")
					.tag("namespace", namespace)
					.strongReference(true)
					.register(this.registry));
	}

	synchronized void left(Peer peer) {
		Gauge gauge = this.gauges.get(peer.namespace());
		if (gauge != null && peer.peers().isEmpty()) {
			this.gauges.remove(peer.namespace());
			this.registry.remove(gauge);
		}
	}

}
