/**
 * JSON-RPC 2.0, transport-neutral: the dispatcher of one service, the HTTP admission
 * rules and the WebSocket hooks that each web stack's transport serves.
 */
@NullMarked
package io.github.h3spring.internal.jsonrpc;

import org.jspecify.annotations.NullMarked;
