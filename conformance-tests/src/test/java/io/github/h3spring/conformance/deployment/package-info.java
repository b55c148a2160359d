/**
 * How the handlers behave in production set-ups: over TLS ({@code wss://},
 * {@code https://}) and over HTTP/2 ({@code h2} and {@code h2c}, many event streams on
 * one connection), against an application written only on the public API. The same
 * classes run on WebFlux (this module), on Spring MVC with Tomcat ({@code webmvc-tests})
 * and with Jetty ({@code webmvc-jetty-tests}).
 */
@NullMarked
package io.github.h3spring.conformance.deployment;

import org.jspecify.annotations.NullMarked;
