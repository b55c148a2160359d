package io.github.h3spring.internal.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The WebSocket side of a JSON-RPC service: each text message is a request or a batch,
 * answered on the same socket, which stays open whatever the message; a binary message is
 * answered {@code -32700 Parse error}. The service's own hooks, if it has any, get every
 * other event. The message hook completes once the answer is sent, so the requests of one
 * socket are answered in their order (those of one batch run concurrently).
 */
final class JsonRpcWebSocketHooks implements ReactiveWebSocketHooks {

	private static final String BINARY = "binary messages are not JSON-RPC: send the request as a text message";

	private final JsonRpcDispatcher dispatcher;

	private final @Nullable WebSocketHooks hooks;

	private final @Nullable ReactiveWebSocketHooks reactiveHooks;

	JsonRpcWebSocketHooks(JsonRpcDispatcher dispatcher, Object service) {
		this.dispatcher = dispatcher;
		this.hooks = (service instanceof WebSocketHooks plain) ? plain : null;
		this.reactiveHooks = (service instanceof ReactiveWebSocketHooks reactive) ? reactive : null;
	}

	@Override
	public Mono<Void> message(Peer peer, Message message) {
		if (message.isBinary()) {
			peer.send(text(this.dispatcher.parseError(BINARY)));
			return Mono.empty();
		}
		return this.dispatcher.handle(message.bytes(), JsonRpcCaller.of(peer))
			.doOnNext((response) -> peer.send(text(response)))
			.then();
	}

	@Override
	public Mono<UpgradeResponse> upgrade(UpgradeRequest request) {
		if (this.reactiveHooks != null) {
			return this.reactiveHooks.upgrade(request);
		}
		WebSocketHooks plain = this.hooks;
		return (plain != null) ? Mono.fromCallable(() -> plain.upgrade(request)) : Mono.empty();
	}

	@Override
	public Mono<Void> open(Peer peer) {
		return delegate((hooks) -> hooks.open(peer), (hooks) -> hooks.open(peer));
	}

	@Override
	public Mono<Void> close(Peer peer, CloseEvent event) {
		return delegate((hooks) -> hooks.close(peer, event), (hooks) -> hooks.close(peer, event));
	}

	@Override
	public Mono<Void> error(Peer peer, Throwable error) {
		return delegate((hooks) -> hooks.error(peer, error), (hooks) -> hooks.error(peer, error));
	}

	@Override
	public Mono<Void> ping(Peer peer, byte[] data) {
		return delegate((hooks) -> hooks.ping(peer, data), (hooks) -> hooks.ping(peer, data));
	}

	@Override
	public Mono<Void> pong(Peer peer, byte[] data) {
		return delegate((hooks) -> hooks.pong(peer, data), (hooks) -> hooks.pong(peer, data));
	}

	@Override
	public Mono<Void> drain(Peer peer) {
		return delegate((hooks) -> hooks.drain(peer), (hooks) -> hooks.drain(peer));
	}

	private Mono<Void> delegate(Consumer<WebSocketHooks> plain, Function<ReactiveWebSocketHooks, Mono<Void>> reactive) {
		if (this.reactiveHooks != null) {
			return reactive.apply(this.reactiveHooks);
		}
		WebSocketHooks hooks = this.hooks;
		return (hooks != null) ? Mono.fromRunnable(() -> plain.accept(hooks)) : Mono.empty();
	}

	private static String text(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

}
