package io.github.h3spring.websocket;

import reactor.core.publisher.Mono;

/**
 * The {@link WebSocketHooks} for handlers that do reactive work (a repository call, a
 * token check): each hook returns a {@code Mono}, and the next hook of the same peer
 * waits until it completes. An error signal reaches {@link #error(Peer, Throwable)}.
 * Every method returns an empty {@code Mono} by default. A handler implements this
 * interface or {@link WebSocketHooks}, never both.
 */
public interface ReactiveWebSocketHooks {

	/**
	 * Decides whether to accept an upgrade request, see {@link WebSocketHooks#upgrade}.
	 * An empty {@code Mono} accepts; an {@link io.github.h3spring.H3Exception} error
	 * refuses.
	 * @param request the upgrade request
	 * @return how to answer
	 */
	default Mono<UpgradeResponse> upgrade(UpgradeRequest request) {
		return Mono.empty();
	}

	/**
	 * Called once the connection is open.
	 * @param peer the new peer
	 * @return completion
	 */
	default Mono<Void> open(Peer peer) {
		return Mono.empty();
	}

	/**
	 * Called for each complete message.
	 * @param peer the peer that sent it
	 * @param message the message
	 * @return completion; the peer's next message waits for it
	 */
	default Mono<Void> message(Peer peer, Message message) {
		return Mono.empty();
	}

	/**
	 * Called once when the connection is closed, see {@link WebSocketHooks#close}.
	 * @param peer the peer
	 * @param event the close code and reason
	 * @return completion
	 */
	default Mono<Void> close(Peer peer, CloseEvent event) {
		return Mono.empty();
	}

	/**
	 * Called when another hook fails or the connection fails.
	 * @param peer the peer
	 * @param error the failure
	 * @return completion
	 */
	default Mono<Void> error(Peer peer, Throwable error) {
		return Mono.empty();
	}

	/**
	 * Called when the client sends a ping; the pong answer is sent automatically.
	 * @param peer the peer
	 * @param data the ping payload
	 * @return completion
	 */
	default Mono<Void> ping(Peer peer, byte[] data) {
		return Mono.empty();
	}

	/**
	 * Called when the client sends a pong.
	 * @param peer the peer
	 * @param data the pong payload
	 * @return completion
	 */
	default Mono<Void> pong(Peer peer, byte[] data) {
		return Mono.empty();
	}

	/**
	 * Called when the peer's send buffer has drained after filling up.
	 * @param peer the peer
	 * @return completion
	 */
	default Mono<Void> drain(Peer peer) {
		return Mono.empty();
	}

}
