package io.github.h3spring.internal.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.websocket.Peer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The WebSocket meters of one handler, tagged {@code handler=<bean name>}.
 */
final class MicrometerWebSocketMetrics implements WebSocketMetrics {

	private final MeterRegistry registry;

	private final String handler;

	private final PeerGauges peerGauges;

	private final Counter accepted;

	private final Counter messagesIn;

	private final Counter messagesOut;

	private final Counter bytesIn;

	private final Counter bytesOut;

	private final Counter hookErrors;

	private final Counter overflows;

	private final Map<UpgradeRejection, Counter> rejections = new ConcurrentHashMap<>();

	private final Map<String, Counter> closes = new ConcurrentHashMap<>();

	MicrometerWebSocketMetrics(MeterRegistry registry, String handler, PeerGauges peerGauges) {
		this.registry = registry;
		this.handler = handler;
		this.peerGauges = peerGauges;
		this.accepted = upgrades("accepted", "none");
		this.messagesIn = counter("h3.websocket.messages", "WebSocket messages", "direction", "in");
		this.messagesOut = counter("h3.websocket.messages", "WebSocket messages", "direction", "out");
		this.bytesIn = bytes("in");
		this.bytesOut = bytes("out");
		this.hookErrors = Counter.builder("h3.websocket.hook.errors")
			.description("Exceptions thrown by WebSocket hooks")
			.tag("handler", handler)
			.register(registry);
		this.overflows = Counter.builder("h3.websocket.send.overflows")
			.description("Peers closed because their send buffer overflowed")
			.tag("handler", handler)
			.register(registry);
	}

	private Counter upgrades(String outcome, String reason) {
		return counter("h3.websocket.upgrades", "WebSocket upgrade requests", "outcome", outcome, "reason", reason);
	}

	private Counter bytes(String direction) {
		return Counter.builder("h3.websocket.bytes")
			.description("WebSocket message payload bytes")
			.baseUnit("bytes")
			.tags("handler", this.handler, "direction", direction)
			.register(this.registry);
	}

	private Counter counter(String name, String description, String... tags) {
		return Counter.builder(name)
			.description(description)
			.tag("handler", this.handler)
			.tags(tags)
			.register(this.registry);
	}

	@Override
	public void upgradeRejected(UpgradeRejection reason) {
		this.rejections.computeIfAbsent(reason, (key) -> upgrades("rejected", reason.tag())).increment();
	}

	@Override
	public void opened(Peer peer) {
		this.accepted.increment();
		this.peerGauges.joined(peer);
	}

	@Override
	public void left(Peer peer) {
		this.peerGauges.left(peer);
	}

	@Override
	public void messageReceived(int bytes) {
		this.messagesIn.increment();
		this.bytesIn.increment(bytes);
	}

	@Override
	public void messageSent(int bytes) {
		this.messagesOut.increment();
		this.bytesOut.increment(bytes);
	}

	@Override
	public void closed(int code) {
		this.closes
			.computeIfAbsent(codeTag(code),
					(key) -> counter("h3.websocket.closes", "Closed WebSocket peers by close code", "code", key))
			.increment();
	}

	/**
	 * The standard codes (1000-1015) as themselves; the ranges clients choose freely as
	 * one tag each, so a client cannot create thousands of meters.
	 */
	static String codeTag(int code) {
		if (code >= 1000 && code <= 1015) {
			return String.valueOf(code);
		}
		return (code >= 3000 && code <= 3999) ? "3xxx" : (code >= 4000 && code <= 4999) ? "4xxx" : "other";
	}

	@Override
	public void hookFailed() {
		this.hookErrors.increment();
	}

	@Override
	public void sendBufferOverflowed() {
		this.overflows.increment();
	}

}
