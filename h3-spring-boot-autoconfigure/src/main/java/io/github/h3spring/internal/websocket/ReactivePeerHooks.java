package io.github.h3spring.internal.websocket;

import java.util.function.Supplier;

import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link ReactiveWebSocketHooks}: each hook's {@code Mono} is subscribed when the
 * previous hook of the peer has completed, and its error goes to the {@code error} hook.
 */
final class ReactivePeerHooks implements PeerHooks {

	private final ReactiveWebSocketHooks hooks;

	private final @Nullable Scheduler offload;

	private final WebSocketMetrics metrics;

	ReactivePeerHooks(ReactiveWebSocketHooks hooks, @Nullable Scheduler offload, WebSocketMetrics metrics) {
		this.hooks = hooks;
		this.offload = offload;
		this.metrics = metrics;
	}

	@Override
	public Mono<UpgradeResponse> upgrade(UpgradeRequest request) {
		return offloaded(Mono.defer(() -> this.hooks.upgrade(request)));
	}

	@Override
	public Mono<Void> open(Peer peer) {
		return guarded(peer, () -> this.hooks.open(peer));
	}

	@Override
	public Mono<Void> message(Peer peer, Message message) {
		return guarded(peer, () -> this.hooks.message(peer, message));
	}

	@Override
	public Mono<Void> close(Peer peer, CloseEvent event) {
		return guarded(peer, () -> this.hooks.close(peer, event));
	}

	@Override
	public Mono<Void> error(Peer peer, Throwable error) {
		return offloaded(reportError(peer, error));
	}

	@Override
	public Mono<Void> ping(Peer peer, byte[] data) {
		return guarded(peer, () -> this.hooks.ping(peer, data));
	}

	@Override
	public Mono<Void> pong(Peer peer, byte[] data) {
		return guarded(peer, () -> this.hooks.pong(peer, data));
	}

	@Override
	public Mono<Void> drain(Peer peer) {
		return guarded(peer, () -> this.hooks.drain(peer));
	}

	private Mono<Void> guarded(Peer peer, Supplier<Mono<Void>> hook) {
		return offloaded(Mono.defer(hook).onErrorResume((ex) -> {
			this.metrics.hookFailed();
			HookErrors.logHookFailure(peer, ex);
			return reportError(peer, ex);
		}));
	}

	private Mono<Void> reportError(Peer peer, Throwable error) {
		return Mono.defer(() -> this.hooks.error(peer, error)).onErrorResume((ex) -> {
			HookErrors.logErrorHookFailure(peer, ex);
			return Mono.empty();
		});
	}

	private <T> Mono<T> offloaded(Mono<T> hook) {
		return (this.offload != null) ? hook.subscribeOn(this.offload) : hook;
	}

}
