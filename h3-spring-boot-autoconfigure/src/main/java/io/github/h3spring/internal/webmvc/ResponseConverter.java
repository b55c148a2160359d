package io.github.h3spring.internal.webmvc;

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
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Turns what an {@code EventHandler} returns into a servlet {@link ServerResponse}, as
 * the WebFlux converter does: the same statuses, content types and h3 error body. Bodies
 * go through the application's MVC message converters, so its JSON mapper applies.
 */
final class ResponseConverter {

	private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	private ResponseConverter() {
	}

	static ServerResponse toResponse(@Nullable Object value) {
		if (value == null) {
			return ServerResponse.noContent().build();
		}
		if (value instanceof ServerResponse response) {
			return response;
		}
		if (value instanceof EventStream stream) {
			return stream.send();
		}
		if (value instanceof Mono<?> mono) {
			return async(mono);
		}
		if (value instanceof CompletionStage<?> stage) {
			return async(Mono.fromCompletionStage(stage));
		}
		if (value instanceof Publisher<?> publisher) {
			// WebFlux writes a Flux of objects as one JSON array
			return async(Flux.from(publisher).collectList());
		}
		if (value instanceof CharSequence text) {
			return ServerResponse.ok().contentType(TEXT).body(text.toString());
		}
		if (value instanceof byte[] bytes) {
			return ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes);
		}
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes);
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(value);
	}

	/**
	 * Answers once the value is there, the servlet thread released meanwhile; an
	 * {@link H3Exception} it fails with becomes its response, as when thrown.
	 */
	private static ServerResponse async(Mono<?> value) {
		return ServerResponse.async(value.map(ResponseConverter::toResponse)
			.switchIfEmpty(Mono.fromSupplier(() -> ServerResponse.noContent().build()))
			.onErrorResume(H3Exception.class, (error) -> Mono.just(toResponse(error))));
	}

	/**
	 * The h3 error body: {@code {"status": 404, "statusText": "Not Found", "message":
	 * "..."}}.
	 */
	static ServerResponse toResponse(H3Exception error) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", error.status());
		body.put("statusText", error.statusText());
		body.put("message", (error.getMessage() != null) ? error.getMessage() : error.statusText());
		return ServerResponse.status(HttpStatusCode.valueOf(error.status()))
			.headers((headers) -> headers.addAll(error.headers()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

}
