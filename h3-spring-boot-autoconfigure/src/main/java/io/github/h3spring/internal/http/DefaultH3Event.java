package io.github.h3spring.internal.http;

import java.net.URI;
import java.util.Map;

import io.github.h3spring.H3Event;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link H3Event} of one request, a thin view over the WebFlux {@link ServerRequest}.
 */
public final class DefaultH3Event implements H3Event {

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
		return this.request.bodyToMono(String.class);
	}

	@Override
	public Mono<byte[]> bodyBytes() {
		return DataBufferUtils.join(this.request.bodyToFlux(DataBuffer.class))
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			});
	}

	@Override
	public <T> Mono<T> body(Class<T> type) {
		return this.request.bodyToMono(type);
	}

	@Override
	public <T> Mono<T> body(ParameterizedTypeReference<T> type) {
		return this.request.bodyToMono(type);
	}

	@Override
	public Mono<MultiValueMap<String, String>> formData() {
		return this.request.formData();
	}

	@Override
	public String toString() {
		return "H3Event[" + method() + " " + url() + "]";
	}

}
