package io.github.h3spring;

import io.github.h3spring.internal.sse.EventStreamFactory;
import io.github.h3spring.internal.sse.WebFluxEventStreamTransport;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Static helpers that mirror h3's utility functions; import them statically:
 * {@code import static io.github.h3spring.H3.createEventStream;}.
 */
public final class H3 {

	private H3() {
	}

	/**
	 * Creates the Server-Sent Events stream of a request, as h3's
	 * {@code createEventStream(event)}, on either stack. Return
	 * {@link EventStream#send()} (or the stream) from the handler.
	 * @param event the request
	 * @return the stream
	 */
	public static EventStream createEventStream(H3Event event) {
		return createEventStream(event, EventStreamOptions.defaults());
	}

	/**
	 * Creates the Server-Sent Events stream of a request with its own options.
	 * @param event the request
	 * @param options the options, overriding {@code h3.sse.*} for this stream
	 * @return the stream
	 */
	public static EventStream createEventStream(H3Event event, EventStreamOptions options) {
		if (event instanceof EventStreamFactory factory) {
			return factory.createEventStream(options);
		}
		return createEventStream(event.exchange(), options);
	}

	/**
	 * Creates the Server-Sent Events stream of a request of a functional WebFlux route.
	 * @param request the request
	 * @return the stream
	 */
	public static EventStream createEventStream(ServerRequest request) {
		return createEventStream(request.exchange(), EventStreamOptions.defaults());
	}

	/**
	 * Creates the Server-Sent Events stream of a request of a functional WebFlux route,
	 * with its own options.
	 * @param request the request
	 * @param options the options, overriding {@code h3.sse.*} for this stream
	 * @return the stream
	 */
	public static EventStream createEventStream(ServerRequest request, EventStreamOptions options) {
		return createEventStream(request.exchange(), options);
	}

	/**
	 * Creates the Server-Sent Events stream of an exchange, for annotated controllers:
	 * return {@link EventStream#flux()} from a method that produces
	 * {@code text/event-stream}.
	 * @param exchange the exchange
	 * @return the stream
	 */
	public static EventStream createEventStream(ServerWebExchange exchange) {
		return createEventStream(exchange, EventStreamOptions.defaults());
	}

	/**
	 * Creates the Server-Sent Events stream of an exchange with its own options.
	 * @param exchange the exchange
	 * @param options the options, overriding {@code h3.sse.*} for this stream
	 * @return the stream
	 */
	public static EventStream createEventStream(ServerWebExchange exchange, EventStreamOptions options) {
		return WebFluxEventStreamTransport.create(exchange, options);
	}

}
