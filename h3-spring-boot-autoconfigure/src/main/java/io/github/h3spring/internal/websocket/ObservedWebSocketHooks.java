package io.github.h3spring.internal.websocket;

import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import org.jspecify.annotations.Nullable;

/**
 * A handler's {@link WebSocketHooks}, each call observed; one per connection.
 */
final class ObservedWebSocketHooks implements WebSocketHooks {

	private final WebSocketHooks hooks;

	private final HookObserver observer;

	ObservedWebSocketHooks(WebSocketHooks hooks, HookObserver observer) {
		this.hooks = hooks;
		this.observer = observer;
	}

	@Override
	public @Nullable UpgradeResponse upgrade(UpgradeRequest request) {
		return this.observer.call("upgrade", null, () -> this.hooks.upgrade(request));
	}

	@Override
	public void open(Peer peer) {
		this.observer.run("open", peer, () -> this.hooks.open(peer));
	}

	@Override
	public void message(Peer peer, Message message) {
		this.observer.run("message", peer, () -> this.hooks.message(peer, message));
	}

	@Override
	public void close(Peer peer, CloseEvent event) {
		this.observer.run("close", peer, () -> this.hooks.close(peer, event));
	}

	@Override
	public void error(Peer peer, Throwable error) {
		this.observer.run("error", peer, () -> this.hooks.error(peer, error));
	}

	@Override
	public void ping(Peer peer, byte[] data) {
		this.observer.run("ping", peer, () -> this.hooks.ping(peer, data));
	}

	@Override
	public void pong(Peer peer, byte[] data) {
		this.observer.run("pong", peer, () -> this.hooks.pong(peer, data));
	}

	@Override
	public void drain(Peer peer) {
		this.observer.run("drain", peer, () -> this.hooks.drain(peer));
	}

}
