/**
 * crossws-style WebSocket API: {@link io.github.h3spring.websocket.WebSocketHooks},
 * {@link io.github.h3spring.websocket.Peer}, topics and the
 * {@link io.github.h3spring.websocket.WebSocketHub}.
 */
@NullMarked
package io.github.h3spring.websocket;

import org.jspecify.annotations.NullMarked;
