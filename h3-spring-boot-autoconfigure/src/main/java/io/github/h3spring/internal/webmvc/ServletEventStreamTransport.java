package io.github.h3spring.internal.webmvc;

import java.io.IOException;

import io.github.h3spring.internal.sse.DefaultEventStream;
import io.github.h3spring.internal.sse.EventStreamRuntime;
import io.github.h3spring.internal.sse.EventStreamTransport;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The Spring MVC side of an event stream: {@code send()} is a servlet
 * {@link ServerResponse} that takes the request asynchronous and writes the frames with
 * non-blocking servlet I/O ({@link ServletEventStreamWriter}), no thread held per stream.
 */
public final class ServletEventStreamTransport implements EventStreamTransport {

	// read while the request is being handled: a container recycles it once the stream
	// has ended
	private final @Nullable String lastEventId;

	private final String request;

	private final String client;

	private ServletEventStreamTransport(HttpServletRequest request) {
		this.lastEventId = request.getHeader("Last-Event-ID");
		this.request = request.getMethod() + " " + request.getRequestURI();
		this.client = request.getRemoteAddr() + ":" + request.getRemotePort();
	}

	/**
	 * Creates the event stream of a servlet request.
	 * @param request the request
	 * @param options the stream's own options
	 * @return the stream
	 */
	public static EventStream create(HttpServletRequest request, EventStreamOptions options) {
		EventStreamRuntime runtime = EventStreamRuntime.of(RequestContextUtils.findWebApplicationContext(request));
		return DefaultEventStream.create(runtime, options, new ServletEventStreamTransport(request));
	}

	@Override
	public @Nullable String lastEventId() {
		return this.lastEventId;
	}

	@Override
	public String request() {
		return this.request;
	}

	/**
	 * None counted: the writer asks for a frame only when the container can take it, so
	 * the container holds at most the one frame last written beyond the stream's queue.
	 */
	@Override
	public long pendingBytes() {
		return 0;
	}

	@Override
	public Object client() {
		return this.client;
	}

	@Override
	public ServerResponse response(Publisher<byte[]> frames) {
		return new EventStreamResponse(frames);
	}

	@Override
	public ServerResponse refuse(IllegalStateException error) {
		throw error;
	}

	@Override
	public Flux<ServerSentEvent<String>> events(Flux<ServerSentEvent<String>> events) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletResponse response = attributes.getResponse();
			if (response != null && !response.isCommitted()) {
				addHeaders(response);
			}
		}
		return events;
	}

	private static void addHeaders(HttpServletResponse response) {
		response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		response.setHeader("X-Accel-Buffering", "no");
	}

	/** Writes the stream on the servlet response, asynchronously. */
	private static final class EventStreamResponse implements ServerResponse {

		private final Publisher<byte[]> frames;

		private final HttpHeaders headers = new HttpHeaders();

		EventStreamResponse(Publisher<byte[]> frames) {
			this.frames = frames;
			this.headers.setContentType(MediaType.TEXT_EVENT_STREAM);
			this.headers.set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
			this.headers.set("X-Accel-Buffering", "no");
		}

		@Override
		public HttpStatusCode statusCode() {
			return HttpStatus.OK;
		}

		@Override
		public HttpHeaders headers() {
			return this.headers;
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		public @Nullable ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
				throws IOException {
			response.setStatus(HttpStatus.OK.value());
			this.headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
			AsyncContext async = request.startAsync(request, response);
			// a stream lasts until it is closed or its client leaves, as on WebFlux
			async.setTimeout(0);
			ServletOutputStream output = response.getOutputStream();
			ServletEventStreamWriter writer = new ServletEventStreamWriter(async, output);
			async.addListener(writer);
			output.setWriteListener(writer);
			this.frames.subscribe(writer);
			return null;
		}

	}

}
