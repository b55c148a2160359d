/**
 * JSON-RPC 2.0 over HTTP {@code POST} and WebSocket text messages on one path, as h3's
 * {@code defineJsonRpcHandler}: {@link io.github.h3spring.jsonrpc.JsonRpcService},
 * {@link io.github.h3spring.jsonrpc.JsonRpcMethod} and
 * {@link io.github.h3spring.jsonrpc.JsonRpcNotification} for server-to-client
 * notifications.
 */
@NullMarked
package io.github.h3spring.jsonrpc;

import org.jspecify.annotations.NullMarked;
