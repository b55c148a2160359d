package io.github.h3spring.internal.handler;

import java.util.List;
import java.util.Set;

import io.github.h3spring.EventHandler;
import io.github.h3spring.internal.jsonrpc.JsonRpcEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One {@code @H3Handler} bean as the runtime serves it.
 *
 * @param beanName the bean name
 * @param patterns the parsed path patterns, placeholders resolved
 * @param methods the HTTP methods of the HTTP side, empty for all
 * @param blocking whether the handler's code runs off the event loop
 * @param eventHandler the HTTP side, or {@code null}
 * @param hooks the WebSocket side (a {@code WebSocketHooks} or a
 * {@code ReactiveWebSocketHooks}), or {@code null}
 * @param jsonRpc the JSON-RPC service served on both sides (its {@code hooks} are then
 * the JSON-RPC WebSocket side), or {@code null}
 */
public record H3HandlerDefinition(String beanName, List<PathPattern> patterns, Set<HttpMethod> methods,
		boolean blocking, @Nullable EventHandler eventHandler, @Nullable Object hooks,
		@Nullable JsonRpcEndpoint jsonRpc) {

	/** Whether the handler has WebSocket hooks. */
	public boolean hasHooks() {
		return this.hooks != null;
	}

	/** A short description for logs: the bean, its sides and its options. */
	public String describe() {
		String sides = (this.jsonRpc != null) ? "JSON-RPC (HTTP + WebSocket)"
				: (this.eventHandler != null && this.hooks != null) ? "HTTP + WebSocket"
						: (this.hooks != null) ? "WebSocket" : "HTTP";
		return sides + " -> " + this.beanName + (this.methods.isEmpty() ? "" : " " + this.methods)
				+ (this.blocking ? " (blocking)" : "");
	}

}
