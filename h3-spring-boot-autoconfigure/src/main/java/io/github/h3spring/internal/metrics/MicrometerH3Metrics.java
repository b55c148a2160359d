package io.github.h3spring.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link H3Metrics} as Micrometer meters. The meters of hot paths are registered when a
 * recorder is created; only rare events (a new namespace, a rejection, a close code)
 * register meters as they happen. The SSE and pub/sub meters appear once those features
 * ask for their recorder.
 */
public final class MicrometerH3Metrics implements H3Metrics {

	private final MeterRegistry registry;

	private final PeerGauges peerGauges;

	private @Nullable SseMetrics sse;

	private @Nullable PubSubMetrics pubsub;

	private @Nullable JsonRpcMetrics jsonrpc;

	public MicrometerH3Metrics(MeterRegistry registry) {
		this.registry = registry;
		this.peerGauges = new PeerGauges(registry);
	}

	@Override
	public WebSocketMetrics websocket(String handler) {
		return new MicrometerWebSocketMetrics(this.registry, handler, this.peerGauges);
	}

	@Override
	public synchronized SseMetrics sse() {
		SseMetrics recorder = this.sse;
		if (recorder == null) {
			recorder = new MicrometerSseMetrics(this.registry);
			this.sse = recorder;
		}
		return recorder;
	}

	@Override
	public synchronized PubSubMetrics pubsub() {
		PubSubMetrics recorder = this.pubsub;
		if (recorder == null) {
			recorder = new MicrometerPubSubMetrics(this.registry);
			this.pubsub = recorder;
		}
		return recorder;
	}

	@Override
	public synchronized JsonRpcMetrics jsonrpc() {
		JsonRpcMetrics recorder = this.jsonrpc;
		if (recorder == null) {
			recorder = new MicrometerJsonRpcMetrics(this.registry);
			this.jsonrpc = recorder;
		}
		return recorder;
	}

}
