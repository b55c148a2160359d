/**
 * The Spring MVC WebSocket transport: upgrades through spring-websocket and the servlet
 * container's WebSocket, peers on the transport-neutral core.
 */
@NullMarked
package io.github.h3spring.internal.websocket.servlet;

import org.jspecify.annotations.NullMarked;
