package io.github.h3spring.internal.websocket;

import io.github.h3spring.internal.metrics.WebSocketMetrics;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link WebSocketHooks} run inline on the event loop (nothing allocated: the hooks are
 * called through method references that capture nothing, and the completion is
 * {@code Mono.empty()}) or, for blocking handlers, on the offload scheduler.
 */
final class BlockingAwarePeerHooks implements PeerHooks {

	private final WebSocketHooks hooks;

	private final @Nullable Scheduler offload;

	private final WebSocketMetrics metrics;

	BlockingAwarePeerHooks(WebSocketHooks hooks, @Nullable Scheduler offload, WebSocketMetrics metrics) {
		this.hooks = hooks;
		this.offload = offload;
		this.metrics = metrics;
	}

	@Override
	public Mono<UpgradeResponse> upgrade(UpgradeRequest request) {
		Mono<UpgradeResponse> answer = Mono.fromCallable(() -> this.hooks.upgrade(request));
		return (this.offload != null) ? answer.subscribeOn(this.offload) : answer;
	}

	@Override
	public Mono<Void> open(Peer peer) {
		return run(peer, peer, (hooks, target, same) -> hooks.open(target));
	}

	@Override
	public Mono<Void> message(Peer peer, Message message) {
		return run(peer, message, WebSocketHooks::message);
	}

	@Override
	public Mono<Void> close(Peer peer, CloseEvent event) {
		return run(peer, event, WebSocketHooks::close);
	}

	@Override
	public Mono<Void> error(Peer peer, Throwable error) {
		Runnable report = () -> reportError(peer, error, false);
		if (this.offload == null) {
			report.run();
			return Mono.empty();
		}
		return Mono.fromRunnable(report).subscribeOn(this.offload).then();
	}

	@Override
	public Mono<Void> ping(Peer peer, byte[] data) {
		return run(peer, data, WebSocketHooks::ping);
	}

	@Override
	public Mono<Void> pong(Peer peer, byte[] data) {
		return run(peer, data, WebSocketHooks::pong);
	}

	@Override
	public Mono<Void> drain(Peer peer) {
		return run(peer, peer, (hooks, target, same) -> hooks.drain(target));
	}

	private <A> Mono<Void> run(Peer peer, A argument, Hook<A> hook) {
		if (this.offload == null) {
			invoke(peer, argument, hook);
			return Mono.empty();
		}
		return Mono.fromRunnable(() -> invoke(peer, argument, hook)).subscribeOn(this.offload).then();
	}

	private <A> void invoke(Peer peer, A argument, Hook<A> hook) {
		try {
			hook.call(this.hooks, peer, argument);
		}
		catch (Throwable ex) {
			reportError(peer, ex, true);
		}
	}

	private void reportError(Peer peer, Throwable error, boolean fromHook) {
		if (fromHook) {
			this.metrics.hookFailed();
			HookErrors.logHookFailure(peer, error);
		}
		try {
			this.hooks.error(peer, error);
		}
		catch (Throwable ex) {
			HookErrors.logErrorHookFailure(peer, ex);
		}
	}

	/**
	 * One hook of the handler, called with its peer and argument: the references that
	 * stand for the hooks capture nothing, so none is created per call.
	 */
	@FunctionalInterface
	private interface Hook<A> {

		void call(WebSocketHooks hooks, Peer peer, A argument);

	}

}
