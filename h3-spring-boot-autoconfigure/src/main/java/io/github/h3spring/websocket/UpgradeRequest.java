package io.github.h3spring.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * A WebSocket upgrade request, seen by the {@code upgrade} hook and later through
 * {@link Peer#request()}.
 */
public interface UpgradeRequest {

	/**
	 * Returns the full URL of the upgrade request, as crossws's {@code request.url}: an
	 * {@code http://} or {@code https://} URL with the query. The {@code ws://} form is
	 * {@code peer.websocket().url()}.
	 * @return the URL
	 */
	String url();

	/**
	 * Returns the request URI as the server received it.
	 * @return the URI
	 */
	URI uri();

	/**
	 * Returns the request headers.
	 * @return the headers, read-only
	 */
	HttpHeaders headers();

	/**
	 * Returns the query parameters.
	 * @return the query parameters
	 */
	MultiValueMap<String, String> queryParams();

	/**
	 * Returns the variables of the matched path pattern, as {@link #pathParams()} does.
	 * @return the path variables
	 */
	Map<String, String> pathVariables();

	/**
	 * Returns a variable of the matched path pattern, such as {@code room} in
	 * {@code /rooms/{room}}, as {@code H3Event.pathParam} does on the HTTP side.
	 * @param name the variable name
	 * @return the value, or {@code null} when the pattern has no such variable
	 */
	default @Nullable String pathParam(String name) {
		return pathParams().get(name);
	}

	/**
	 * Returns every variable of the matched path pattern, as {@code H3Event.pathParams}
	 * does on the HTTP side; {@link #pathVariables()} is the same map under its earlier
	 * name.
	 * @return the path variables, read-only
	 */
	default Map<String, String> pathParams() {
		return pathVariables();
	}

	/**
	 * Returns the request cookies.
	 * @return the cookies by name
	 */
	MultiValueMap<String, HttpCookie> cookies();

	/**
	 * Returns the client address.
	 * @return the address, or {@code null} when unknown
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * Returns the authenticated user, as Spring Security (or another filter) set it.
	 * @return the principal, or {@code null} when the request is anonymous
	 */
	@Nullable Principal principal();

	/**
	 * Returns a mutable map whose entries become the peer's {@link Peer#context()}.
	 * @return the context
	 */
	Map<String, Object> context();

	/**
	 * Returns the WebFlux exchange of the upgrade request. WebFlux only: on Spring MVC it
	 * throws {@link UnsupportedOperationException}; read {@link #headers()},
	 * {@link #uri()} and {@link #principal()} instead.
	 * @return the exchange
	 */
	ServerWebExchange exchange();

}
