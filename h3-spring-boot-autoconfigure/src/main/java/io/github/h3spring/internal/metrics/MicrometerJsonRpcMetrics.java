package io.github.h3spring.internal.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The JSON-RPC meters: {@code h3.jsonrpc.calls} (a counter by method and outcome) and
 * {@code h3.jsonrpc.duration} (a timer of the methods that ran, by method and outcome).
 * The method tag holds the service's own names, or {@code UNKNOWN}, so that clients
 * cannot grow the number of meters.
 */
final class MicrometerJsonRpcMetrics implements JsonRpcMetrics {

	private final MeterRegistry registry;

	private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

	MicrometerJsonRpcMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void called(String method, Outcome outcome, long nanos) {
		Meters meters = this.meters.computeIfAbsent(new Key(method, outcome), this::register);
		meters.calls().increment();
		if (nanos > 0) {
			meters.duration().record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	private Meters register(Key key) {
		Counter calls = Counter.builder("h3.jsonrpc.calls")
			.description("JSON-RPC requests handled")
			.tag("method", key.method())
			.tag("outcome", key.outcome().tag())
			.register(this.registry);
		Timer duration = Timer.builder("h3.jsonrpc.duration")
			.description("Time the JSON-RPC methods took")
			.tag("method", key.method())
			.tag("outcome", key.outcome().tag())
			.register(this.registry);
		return new Meters(calls, duration);
	}

	private record Key(String method, Outcome outcome) {
	}

	private record Meters(Counter calls, Timer duration) {
	}

}
