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
 * {@link WebSocketHooks} run inline on the event loop (nothing allocated but the empty
 * completion) or, for blocking handlers, on the offload scheduler.
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
		return run(peer, () -> this.hooks.open(peer));
	}

	@Override
	public Mono<Void> message(Peer peer, Message message) {
		return run(peer, () -> this.hooks.message(peer, message));
	}

	@Override
	public Mono<Void> close(Peer peer, CloseEvent event) {
		return run(peer, () -> this.hooks.close(peer, event));
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
		return run(peer, () -> this.hooks.ping(peer, data));
	}

	@Override
	public Mono<Void> pong(Peer peer, byte[] data) {
		return run(peer, () -> this.hooks.pong(peer, data));
	}

	@Override
	public Mono<Void> drain(Peer peer) {
		return run(peer, () -> this.hooks.drain(peer));
	}

	private Mono<Void> run(Peer peer, Runnable hook) {
		if (this.offload == null) {
			invoke(peer, hook);
			return Mono.empty();
		}
		return Mono.fromRunnable(() -> invoke(peer, hook)).subscribeOn(this.offload).then();
	}

	private void invoke(Peer peer, Runnable hook) {
		try {
			hook.run();
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

}
