package io.github.h3spring.internal.websocket;

import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import reactor.core.publisher.Mono;

/**
 * A handler's {@link ReactiveWebSocketHooks}, each call observed until its {@code Mono}
 * completes; one per connection.
 */
final class ObservedReactiveWebSocketHooks implements ReactiveWebSocketHooks {

	private final ReactiveWebSocketHooks hooks;

	private final HookObserver observer;

	ObservedReactiveWebSocketHooks(ReactiveWebSocketHooks hooks, HookObserver observer) {
		this.hooks = hooks;
		this.observer = observer;
	}

	@Override
	public Mono<UpgradeResponse> upgrade(UpgradeRequest request) {
		return this.observer.mono("upgrade", null, () -> this.hooks.upgrade(request));
	}

	@Override
	public Mono<Void> open(Peer peer) {
		return this.observer.mono("open", peer, () -> this.hooks.open(peer));
	}

	@Override
	public Mono<Void> message(Peer peer, Message message) {
		return this.observer.mono("message", peer, () -> this.hooks.message(peer, message));
	}

	@Override
	public Mono<Void> close(Peer peer, CloseEvent event) {
		return this.observer.mono("close", peer, () -> this.hooks.close(peer, event));
	}

	@Override
	public Mono<Void> error(Peer peer, Throwable error) {
		return this.observer.mono("error", peer, () -> this.hooks.error(peer, error));
	}

	@Override
	public Mono<Void> ping(Peer peer, byte[] data) {
		return this.observer.mono("ping", peer, () -> this.hooks.ping(peer, data));
	}

	@Override
	public Mono<Void> pong(Peer peer, byte[] data) {
		return this.observer.mono("pong", peer, () -> this.hooks.pong(peer, data));
	}

	@Override
	public Mono<Void> drain(Peer peer) {
		return this.observer.mono("drain", peer, () -> this.hooks.drain(peer));
	}

}
