/**
 * JSON-RPC 2.0 conformance: the specification's own examples and h3's security defaults,
 * over HTTP and WebSocket, against an application written only on the public API. The
 * same classes run on WebFlux (this module), on Spring MVC with Tomcat
 * ({@code webmvc-tests}) and with Jetty ({@code webmvc-jetty-tests}).
 */
@NullMarked
package io.github.h3spring.conformance.jsonrpc;

import org.jspecify.annotations.NullMarked;
