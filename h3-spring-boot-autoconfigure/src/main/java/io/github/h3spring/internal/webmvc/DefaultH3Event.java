package io.github.h3spring.internal.webmvc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

import io.github.h3spring.H3Event;
import io.github.h3spring.internal.sse.EventStreamFactory;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The {@link H3Event} of one request on Spring MVC, a thin view over the servlet
 * functional {@link ServerRequest}. The body readers read the body once, on the thread
 * that subscribes (the servlet thread unless the handler moves it), and keep it for the
 * other readers.
 */
final class DefaultH3Event implements H3Event, EventStreamFactory {

	private static final ParameterizedTypeReference<MultiValueMap<String, String>> FORM = new ParameterizedTypeReference<>() {
	};

	private final ServerRequest request;

	private final long maxInMemorySize;

	private @Nullable MultiValueMap<String, String> queryParams;

	private byte @Nullable [] body;

	DefaultH3Event(ServerRequest request, long maxInMemorySize) {
		this.request = request;
		this.maxInMemorySize = maxInMemorySize;
	}

	@Override
	public <T> T unwrap(Class<T> type) {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		if (type.isInstance(this.request)) {
			return type.cast(this.request);
		}
		if (type.isInstance(this.request.servletRequest())) {
			return type.cast(this.request.servletRequest());
		}
		throw new IllegalArgumentException("A Spring MVC request unwraps to HttpServletRequest or "
				+ "org.springframework.web.servlet.function.ServerRequest, not to " + type.getName());
	}

	@Override
	public EventStream createEventStream(EventStreamOptions options) {
		return ServletEventStreamTransport.create(this.request.servletRequest(), options);
	}

	@Override
	public HttpMethod method() {
		return this.request.method();
	}

	@Override
	public String path() {
		return this.request.requestPath().pathWithinApplication().value();
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
		return queryParams().getFirst(name);
	}

	/**
	 * The parameters of the query string only, decoded, as on WebFlux: the servlet's
	 * parameters would include the fields of a form body.
	 */
	@Override
	public MultiValueMap<String, String> queryParams() {
		MultiValueMap<String, String> params = this.queryParams;
		if (params == null) {
			params = new LinkedMultiValueMap<>();
			String query = this.request.servletRequest().getQueryString();
			if (query != null) {
				for (String pair : query.split("&")) {
					if (!pair.isEmpty()) {
						int equals = pair.indexOf('=');
						String name = (equals < 0) ? pair : pair.substring(0, equals);
						String value = (equals < 0) ? null : pair.substring(equals + 1);
						params.add(decode(name), (value != null) ? decode(value) : null);
					}
				}
			}
			params = CollectionUtils.unmodifiableMultiValueMap(params);
			this.queryParams = params;
		}
		return params;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	@Override
	public @Nullable String pathParam(String name) {
		return this.request.pathVariables().get(name);
	}

	@Override
	public Map<String, String> pathParams() {
		return Collections.unmodifiableMap(this.request.pathVariables());
	}

	@Override
	public Map<String, Object> context() {
		return this.request.attributes();
	}

	@Override
	public Mono<String> bodyText() {
		return read(() -> {
			byte[] body = body();
			return (body.length != 0) ? new String(body, charset()) : null;
		});
	}

	@Override
	public Mono<byte[]> bodyBytes() {
		return read(() -> {
			byte[] body = body();
			return (body.length != 0) ? body : null;
		});
	}

	@Override
	public <T> Mono<T> body(Class<T> type) {
		return read(() -> {
			ServerRequest request = buffered();
			return (request != null) ? request.body(type) : null;
		});
	}

	@Override
	public <T> Mono<T> body(ParameterizedTypeReference<T> type) {
		return read(() -> {
			ServerRequest request = buffered();
			return (request != null) ? request.body(type) : null;
		});
	}

	@Override
	public Mono<MultiValueMap<String, String>> formData() {
		return read(() -> {
			ServerRequest request = buffered();
			return (request != null) ? request.body(FORM) : new LinkedMultiValueMap<>();
		});
	}

	private static <T> Mono<T> read(BodyReader<T> reader) {
		return Mono.defer(() -> {
			try {
				return Mono.justOrEmpty(reader.read());
			}
			catch (Exception ex) {
				return Mono.error(ex);
			}
		});
	}

	/**
	 * The request with its body read, for the message converters; {@code null} without a
	 * body.
	 */
	private @Nullable ServerRequest buffered() throws IOException {
		byte[] body = body();
		return (body.length != 0) ? ServerRequest.from(this.request).body(body).build() : null;
	}

	/**
	 * Reads the whole body, at most the in-memory limit: beyond it, a
	 * {@link ContentTooLargeException} that answers {@code 413}, as on WebFlux.
	 */
	private synchronized byte[] body() throws IOException {
		byte[] body = this.body;
		if (body == null) {
			HttpServletRequest servletRequest = this.request.servletRequest();
			if (servletRequest.getContentLengthLong() > this.maxInMemorySize) {
				throw tooLarge();
			}
			int limit = (int) Math.min(this.maxInMemorySize, Integer.MAX_VALUE - 8);
			try (InputStream in = new ServletServerHttpRequest(servletRequest).getBody()) {
				body = in.readNBytes(limit + 1);
			}
			catch (UncheckedIOException ex) {
				throw ex.getCause();
			}
			if (body.length > limit) {
				throw tooLarge();
			}
			this.body = body;
		}
		return body;
	}

	private ContentTooLargeException tooLarge() {
		return new ContentTooLargeException(new DataBufferLimitException(
				"The request body exceeds the limit of " + this.maxInMemorySize + " bytes"));
	}

	private Charset charset() {
		MediaType type = this.request.headers().contentType().orElse(null);
		Charset charset = (type != null) ? type.getCharset() : null;
		return (charset != null) ? charset : StandardCharsets.UTF_8;
	}

	@Override
	public String toString() {
		return "H3Event[" + method() + " " + url() + "]";
	}

	/** Reads what the body holds on the subscriber's thread. */
	@FunctionalInterface
	private interface BodyReader<T> {

		/** The value, or {@code null} when the body is empty. */
		@Nullable T read() throws Exception;

	}

}
