package io.github.h3spring.internal.websocket;

import java.util.function.Supplier;

import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.observation.ObservedMono;
import io.github.h3spring.observation.WebSocketHookObservationContext;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Observes the hook calls of one connection as {@code h3.websocket.hook}, children of its
 * upgrade's observation, each in its scope on the thread that runs the hook. The
 * upgrade's scope is opened around each call too: a tracer takes the span in scope as the
 * parent, and on a servlet thread that would be the HTTP request's.
 */
final class HookObserver {

	private final H3Observations observations;

	private final String handler;

	private final UpgradeRequest request;

	private final Observation upgrade;

	HookObserver(H3Observations observations, String handler, UpgradeRequest request, Observation upgrade) {
		this.observations = observations;
		this.handler = handler;
		this.request = request;
		this.upgrade = upgrade;
	}

	void run(String hook, @Nullable Peer peer, Runnable call) {
		try (Observation.Scope scope = this.upgrade.openScope()) {
			observation(hook, peer).observe(call);
		}
	}

	<T> T call(String hook, @Nullable Peer peer, Supplier<T> call) {
		try (Observation.Scope scope = this.upgrade.openScope()) {
			return observation(hook, peer).observe(call);
		}
	}

	<T> Mono<T> mono(String hook, @Nullable Peer peer, Supplier<Mono<T>> call) {
		return ObservedMono.observe(() -> observation(hook, peer), this.upgrade, call);
	}

	private Observation observation(String hook, @Nullable Peer peer) {
		Observation observation = this.observations
			.hook(() -> new WebSocketHookObservationContext(this.handler, hook, this.request, peer));
		return this.upgrade.isNoop() ? observation : observation.parentObservation(this.upgrade);
	}

}
