package io.github.h3spring.internal.metrics;

/**
 * What the runtime reports about its work, one small recorder per area. The runtime asks
 * for its recorders once, at start-up, and calls them on its hot paths, so
 * implementations bind their meters up front. {@link #NONE} records nothing.
 */
public interface H3Metrics {

	/** Records nothing: the runtime's metrics when Micrometer is absent. */
	H3Metrics NONE = new H3Metrics() {
	};

	/**
	 * Returns the recorder for the WebSocket side of one handler.
	 * @param handler the handler's bean name
	 * @return the recorder
	 */
	default WebSocketMetrics websocket(String handler) {
		return WebSocketMetrics.NONE;
	}

	/**
	 * Returns the recorder for Server-Sent Events streams.
	 * @return the recorder
	 */
	default SseMetrics sse() {
		return SseMetrics.NONE;
	}

	/**
	 * Returns the recorder for publishes that cross the backplane.
	 * @return the recorder
	 */
	default PubSubMetrics pubsub() {
		return PubSubMetrics.NONE;
	}

	/**
	 * Returns the recorder for JSON-RPC calls.
	 * @return the recorder
	 */
	default JsonRpcMetrics jsonrpc() {
		return JsonRpcMetrics.NONE;
	}

}
