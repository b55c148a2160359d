package io.github.h3spring;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request seen by an {@link EventHandler}, as h3's {@code H3Event}.
 * <p>
 * The body readers hold the whole body in memory, so they all honour the application's
 * {@code spring.http.codecs.max-in-memory-size} (256KB unless set): a larger body fails
 * the returned {@code Mono} with a {@code ContentTooLargeException}, which answers
 * {@code 413 Content Too Large} unless the handler handles it.
 */
public interface H3Event {

	/**
	 * Returns the WebFlux request. WebFlux only: on Spring MVC use {@link #unwrap(Class)
	 * unwrap(HttpServletRequest.class)}.
	 * @return the request
	 * @throws UnsupportedOperationException on Spring MVC
	 */
	default ServerRequest request() {
		throw webFluxOnly("request()");
	}

	/**
	 * Returns the exchange of the request. WebFlux only: on Spring MVC use
	 * {@link #unwrap(Class) unwrap(HttpServletRequest.class)}.
	 * @return the exchange
	 * @throws UnsupportedOperationException on Spring MVC
	 */
	default ServerWebExchange exchange() {
		throw webFluxOnly("exchange()");
	}

	/**
	 * Returns the request of the running stack, for what {@code H3Event} does not offer:
	 * on WebFlux a {@code ServerWebExchange} or WebFlux {@code ServerRequest}; on Spring
	 * MVC an {@code HttpServletRequest} (or {@code ServletRequest}) or the servlet
	 * functional {@code ServerRequest}.
	 * @param <T> the requested type
	 * @param type the requested type
	 * @return the request as that type
	 * @throws IllegalArgumentException if the running stack has no request of that type
	 */
	default <T> T unwrap(Class<T> type) {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new IllegalArgumentException("This H3Event cannot be unwrapped to " + type.getName());
	}

	/**
	 * Returns the HTTP method.
	 * @return the method
	 */
	HttpMethod method();

	/**
	 * Returns the path of the request, without the query.
	 * @return the path
	 */
	String path();

	/**
	 * Returns the full URL of the request.
	 * @return the URL
	 */
	URI url();

	/**
	 * Returns the request headers.
	 * @return the headers, read-only
	 */
	HttpHeaders headers();

	/**
	 * Returns the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} when absent
	 */
	@Nullable String query(String name);

	/**
	 * Returns every query parameter.
	 * @return the query parameters
	 */
	MultiValueMap<String, String> queryParams();

	/**
	 * Returns a variable of the matched path pattern, such as {@code room} in
	 * {@code /rooms/{room}}.
	 * @param name the variable name
	 * @return the value, or {@code null} when the pattern has no such variable
	 */
	@Nullable String pathParam(String name);

	/**
	 * Returns every variable of the matched path pattern.
	 * @return the path variables
	 */
	Map<String, String> pathParams();

	/**
	 * Returns a mutable map that lives as long as the request, for values that filters
	 * and handlers share (the exchange attributes).
	 * @return the request context
	 */
	Map<String, Object> context();

	/**
	 * Reads the body as text.
	 * @return the body, empty when the request has none
	 */
	Mono<String> bodyText();

	/**
	 * Reads the body as bytes.
	 * @return the body, empty when the request has none
	 */
	Mono<byte[]> bodyBytes();

	/**
	 * Reads the body with the application's codecs, JSON for example.
	 * @param <T> the body type
	 * @param type the body type
	 * @return the body, empty when the request has none
	 */
	<T> Mono<T> body(Class<T> type);

	/**
	 * Reads the body with the application's codecs into a generic type.
	 * @param <T> the body type
	 * @param type the body type
	 * @return the body, empty when the request has none
	 */
	<T> Mono<T> body(ParameterizedTypeReference<T> type);

	/**
	 * Reads a form body ({@code application/x-www-form-urlencoded}).
	 * @return the form fields
	 */
	Mono<MultiValueMap<String, String>> formData();

	private UnsupportedOperationException webFluxOnly(String method) {
		return new UnsupportedOperationException("H3Event." + method + " returns a WebFlux type but this request is "
				+ "served by Spring MVC: use unwrap(HttpServletRequest.class) or "
				+ "unwrap(org.springframework.web.servlet.function.ServerRequest.class) instead");
	}

}
