package io.github.h3spring.internal.websocket;

import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A handler's hooks seen through one reactive shape, whatever interface the handler
 * implements and wherever its code must run. Every method but {@link #upgrade} completes
 * normally: a failing hook is reported to the handler's {@code error} hook and the log.
 */
public interface PeerHooks {

	/** Errors with the hook's exception; empty means accept. */
	Mono<UpgradeResponse> upgrade(UpgradeRequest request);

	Mono<Void> open(Peer peer);

	Mono<Void> message(Peer peer, Message message);

	Mono<Void> close(Peer peer, CloseEvent event);

	Mono<Void> error(Peer peer, Throwable error);

	Mono<Void> ping(Peer peer, byte[] data);

	Mono<Void> pong(Peer peer, byte[] data);

	Mono<Void> drain(Peer peer);

	/**
	 * Adapts a handler bean.
	 * @param handler a {@link WebSocketHooks} or a {@link ReactiveWebSocketHooks}
	 * @param offload the scheduler for blocking handlers, or {@code null} to run on the
	 * event loop
	 * @param metrics counts the hooks that fail
	 */
	static PeerHooks of(Object handler, @Nullable Scheduler offload, WebSocketMetrics metrics) {
		if (handler instanceof ReactiveWebSocketHooks reactive) {
			return new ReactivePeerHooks(reactive, offload, metrics);
		}
		return new BlockingAwarePeerHooks((WebSocketHooks) handler, offload, metrics);
	}

}
