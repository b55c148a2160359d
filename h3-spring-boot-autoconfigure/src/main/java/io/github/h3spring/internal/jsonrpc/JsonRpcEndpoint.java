package io.github.h3spring.internal.jsonrpc;

import io.github.h3spring.websocket.ReactiveWebSocketHooks;

/**
 * A JSON-RPC service as the transports serve it: the HTTP admission rules, the dispatcher
 * that both transports hand their messages to, and the WebSocket hooks.
 *
 * @param gate what the HTTP side refuses before reading a body
 * @param dispatcher answers requests and batches
 * @param webSocketHooks the WebSocket side
 */
public record JsonRpcEndpoint(JsonRpcHttpGate gate, JsonRpcDispatcher dispatcher,
		ReactiveWebSocketHooks webSocketHooks) {

}
