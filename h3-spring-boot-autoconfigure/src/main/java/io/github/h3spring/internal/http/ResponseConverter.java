package io.github.h3spring.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.github.h3spring.H3Exception;
import io.github.h3spring.sse.EventStream;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Turns what an {@code EventHandler} returns into a {@link ServerResponse}, as h3 turns a
 * handler's return value into a response.
 */
final class ResponseConverter {

	private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	private ResponseConverter() {
	}

	static Mono<ServerResponse> toResponse(@Nullable Object value) {
		if (value == null) {
			return ServerResponse.noContent().build();
		}
		if (value instanceof ServerResponse response) {
			return Mono.just(response);
		}
		if (value instanceof Mono<?> mono) {
			return mono.flatMap(ResponseConverter::toResponse).switchIfEmpty(ServerResponse.noContent().build());
		}
		if (value instanceof CompletionStage<?> stage) {
			return toResponse(Mono.fromCompletionStage(stage));
		}
		if (value instanceof EventStream stream) {
			return stream.send();
		}
		if (value instanceof Publisher<?> publisher) {
			return ServerResponse.ok().body(Flux.from(publisher), Object.class);
		}
		if (value instanceof CharSequence text) {
			return ServerResponse.ok().contentType(TEXT).bodyValue(text.toString());
		}
		if (value instanceof byte[] || value instanceof ByteBuffer) {
			return ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(value);
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(value);
	}

	/**
	 * The h3 error body: {@code {"status": 404, "statusText": "Not Found", "message":
	 * "..."}}.
	 */
	static Mono<ServerResponse> toResponse(H3Exception error) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", error.status());
		body.put("statusText", error.statusText());
		body.put("message", (error.getMessage() != null) ? error.getMessage() : error.statusText());
		return ServerResponse.status(HttpStatusCode.valueOf(error.status()))
			.headers((headers) -> headers.addAll(error.headers()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

}
