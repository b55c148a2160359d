package io.github.h3spring.internal.webmvc;

import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.jsonrpc.JsonRpcCaller;
import io.github.h3spring.internal.jsonrpc.JsonRpcEndpoint;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The HTTP side of a JSON-RPC service on Spring MVC, the twin of the WebFlux one:
 * {@code 200} with the JSON response, {@code 202} with no body when only notifications
 * were sent, and h3's refusals. The answer is asynchronous, so awaited results hold no
 * servlet thread.
 */
final class JsonRpcHttpHandler implements HandlerFunction<ServerResponse> {

	private static final byte[] EMPTY = new byte[0];

	private final JsonRpcEndpoint endpoint;

	private final long maxInMemorySize;

	JsonRpcHttpHandler(JsonRpcEndpoint endpoint, long maxInMemorySize) {
		this.endpoint = endpoint;
		this.maxInMemorySize = maxInMemorySize;
	}

	@Override
	public ServerResponse handle(ServerRequest request) {
		try {
			this.endpoint.gate().check(request.method(), request.headers().asHttpHeaders(), request.uri());
		}
		catch (H3Exception ex) {
			return ResponseConverter.toResponse(ex);
		}
		DefaultH3Event event = new DefaultH3Event(request, this.maxInMemorySize);
		return ServerResponse.async(event.bodyBytes()
			.defaultIfEmpty(EMPTY)
			.flatMap((body) -> this.endpoint.dispatcher().handle(body, JsonRpcCaller.of(event)))
			.map((json) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json))
			.switchIfEmpty(Mono.fromSupplier(() -> ServerResponse.accepted().build())));
	}

}
