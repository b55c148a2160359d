package io.github.h3spring.internal.http;

import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.jsonrpc.JsonRpcCaller;
import io.github.h3spring.internal.jsonrpc.JsonRpcEndpoint;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The HTTP side of a JSON-RPC service on WebFlux: {@code 200} with the JSON response,
 * {@code 202} with no body when only notifications were sent, and h3's refusals.
 */
final class JsonRpcHttpHandler implements HandlerFunction<ServerResponse> {

	private static final byte[] EMPTY = new byte[0];

	private final JsonRpcEndpoint endpoint;

	JsonRpcHttpHandler(JsonRpcEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		try {
			this.endpoint.gate().check(request.method(), request.headers().asHttpHeaders(), request.uri());
		}
		catch (H3Exception ex) {
			return ResponseConverter.toResponse(ex);
		}
		DefaultH3Event event = new DefaultH3Event(request);
		return event.bodyBytes()
			.defaultIfEmpty(EMPTY)
			.flatMap((body) -> this.endpoint.dispatcher().handle(body, JsonRpcCaller.of(event)))
			.flatMap((json) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(json))
			.switchIfEmpty(Mono.defer(() -> ServerResponse.accepted().build()));
	}

}
