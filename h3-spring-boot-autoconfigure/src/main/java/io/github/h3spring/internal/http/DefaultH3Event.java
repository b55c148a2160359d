package io.github.h3spring.internal.http;

import java.net.URI;
import java.util.Map;

import io.github.h3spring.H3Event;
import io.github.h3spring.internal.sse.EventStreamFactory;
import io.github.h3spring.internal.sse.WebFluxEventStreamTransport;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link H3Event} of one request, a thin view over the WebFlux {@link ServerRequest}.
 */
public final class DefaultH3Event implements H3Event, EventStreamFactory {

	private final ServerRequest request;

	public DefaultH3Event(ServerRequest request) {
		this.request = request;
	}

	@Override
	public ServerRequest request() {
		return this.request;
	}

	@Override
	public ServerWebExchange exchange() {
		return this.request.exchange();
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		if (type.isInstance(this.request)) {
			return type.cast(this.request);
		}
		if (type.isInstance(this.request.exchange())) {
			return type.cast(this.request.exchange());
		}
		throw new IllegalArgumentException(
				"A WebFlux request unwraps to ServerWebExchange or ServerRequest, not to " + type.getName());
	}

	@Override
	public EventStream createEventStream(EventStreamOptions options) {
		return WebFluxEventStreamTransport.create(this.request.exchange(), options);
	}

	@Override
	public HttpMethod method() {
		return this.request.method();
	}

	@Override
	public String path() {
		return this.request.path();
	}

	@Override
	public URI url() {
		return this.request.uri();
	}

	@Override
	public HttpHeaders headers() {
		return this.request.headers().asHttpHeaders();
	}

	@Override
	public @Nullable String query(String name) {
		return this.request.queryParam(name).orElse(null);
	}

	@Override
	public MultiValueMap<String, String> queryParams() {
		return this.request.queryParams();
	}

	@Override
	public @Nullable String pathParam(String name) {
		return this.request.pathVariables().get(name);
	}

	@Override
	public Map<String, String> pathParams() {
		return this.request.pathVariables();
	}

	@Override
	public Map<String, Object> context() {
		return this.request.attributes();
	}

	@Override
	public Mono<String> bodyText() {
		return limited(this.request.bodyToMono(String.class));
	}

	@Override
	public Mono<byte[]> bodyBytes() {
		return limited(this.request.bodyToMono(byte[].class));
	}

	@Override
	public <T> Mono<T> body(Class<T> type) {
		return limited(this.request.bodyToMono(type));
	}

	@Override
	public <T> Mono<T> body(ParameterizedTypeReference<T> type) {
		return limited(this.request.bodyToMono(type));
	}

	@Override
	public Mono<MultiValueMap<String, String>> formData() {
		return limited(this.request.formData());
	}

	/**
	 * A body larger than the codecs' {@code max-in-memory-size} answers {@code 413}, as
	 * it does for an annotated controller, where a functional route would answer
	 * {@code 500}.
	 */
	private static <T> Mono<T> limited(Mono<T> body) {
		return body.onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new);
	}

	@Override
	public String toString() {
		return "H3Event[" + method() + " " + url() + "]";
	}

}
