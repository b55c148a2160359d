package io.github.h3spring.internal.websocket;

import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.WebSocketHooks;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * The hooks of one handler, as each of its connections calls them: observed, children of
 * the connection's upgrade, when the application observes; otherwise one
 * {@link PeerHooks} that every connection shares, so that a message costs nothing more
 * than the hook.
 */
public final class HandlerHooks {

	private final String name;

	private final Object hooks;

	private final @Nullable Scheduler offload;

	private final WebSocketMetrics metrics;

	private final H3Observations observations;

	private final PeerHooks unobserved;

	/**
	 * Adapts a handler bean.
	 * @param name the handler's bean name
	 * @param hooks a {@link WebSocketHooks} or a {@link ReactiveWebSocketHooks}
	 * @param offload the scheduler for blocking handlers, or {@code null} to run on the
	 * event loop
	 * @param metrics counts the hooks that fail
	 * @param observations the application's observations
	 */
	public HandlerHooks(String name, Object hooks, @Nullable Scheduler offload, WebSocketMetrics metrics,
			H3Observations observations) {
		this.name = name;
		this.hooks = hooks;
		this.offload = offload;
		this.metrics = metrics;
		this.observations = observations;
		this.unobserved = PeerHooks.of(hooks, offload, metrics);
	}

	/** The handler's bean name. */
	public String name() {
		return this.name;
	}

	H3Observations observations() {
		return this.observations;
	}

	/**
	 * Returns the hooks of one connection.
	 * @param request its upgrade request
	 * @param upgrade the observation of its upgrade, the parent of its hooks'
	 * observations
	 * @return the hooks
	 */
	public PeerHooks forConnection(UpgradeRequest request, Observation upgrade) {
		if (!this.observations.observesHooks()) {
			return this.unobserved;
		}
		HookObserver observer = new HookObserver(this.observations, this.name, request, upgrade);
		Object observed = (this.hooks instanceof ReactiveWebSocketHooks reactive)
				? new ObservedReactiveWebSocketHooks(reactive, observer)
				: new ObservedWebSocketHooks((WebSocketHooks) this.hooks, observer);
		return PeerHooks.of(observed, this.offload, this.metrics);
	}

}
