package io.github.h3spring.jsonrpc;

/**
 * Marks an {@link io.github.h3spring.H3Handler @H3Handler} bean whose
 * {@link JsonRpcMethod @JsonRpcMethod} methods are served as JSON-RPC 2.0 on its paths:
 * over HTTP {@code POST} (a request or a batch per body) and over WebSocket (a request or
 * a batch per text message, answered on the same socket).
 * <p>
 * The bean may also implement {@link io.github.h3spring.websocket.WebSocketHooks} or
 * {@link io.github.h3spring.websocket.ReactiveWebSocketHooks} for {@code upgrade},
 * {@code open}, {@code close} and {@code error}: its {@code message} hook is not called,
 * messages are JSON-RPC. It cannot also be an {@link io.github.h3spring.EventHandler}:
 * the HTTP side of its paths is JSON-RPC too.
 */
public interface JsonRpcService {

}
