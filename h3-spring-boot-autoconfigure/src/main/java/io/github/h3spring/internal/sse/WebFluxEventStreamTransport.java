package io.github.h3spring.internal.sse;

import java.util.function.Predicate;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebFlux side of an event stream: {@code send()} is a {@code Mono<ServerResponse>} whose
 * body goes straight to Reactor Netty when the server is Reactor Netty.
 */
public final class WebFluxEventStreamTransport implements EventStreamTransport {

	private static final Predicate<ByteBuf> FLUSH_EACH = (buffer) -> true;

	private final ServerWebExchange exchange;

	private WebFluxEventStreamTransport(ServerWebExchange exchange) {
		this.exchange = exchange;
	}

	/**
	 * Creates the event stream of a WebFlux request.
	 * @param exchange the exchange of the request
	 * @param options the stream's own options
	 * @return the stream
	 */
	public static EventStream create(ServerWebExchange exchange, EventStreamOptions options) {
		return DefaultEventStream.create(EventStreamRuntime.of(exchange.getApplicationContext()), options,
				new WebFluxEventStreamTransport(exchange));
	}

	@Override
	public @Nullable String lastEventId() {
		return this.exchange.getRequest().getHeaders().getFirst("Last-Event-ID");
	}

	@Override
	public String request() {
		ServerHttpRequest request = this.exchange.getRequest();
		return request.getMethod() + " " + request.getPath();
	}

	@Override
	public @Nullable Object client() {
		return this.exchange.getRequest().getRemoteAddress();
	}

	@Override
	public Mono<ServerResponse> response(Publisher<byte[]> frames) {
		BodyInserter<Void, ReactiveHttpOutputMessage> body = (message, context) -> {
			HttpServerResponse netty = (message instanceof ServerHttpResponse response) ? reactorNetty(response) : null;
			if (netty != null) {
				// the status and headers go through WebFlux; the events straight to Reactor Netty,
				// flushed as each is written, where writeWith would queue one more task to flush
				return message.setComplete()
					.then(netty.send(Flux.from(frames).map(Unpooled::wrappedBuffer), FLUSH_EACH).then());
			}
			return message.writeWith(Flux.from(frames).map(message.bufferFactory()::wrap));
		};
		return ServerResponse.ok().headers(WebFluxEventStreamTransport::addHeaders).body(body);
	}

	private static @Nullable HttpServerResponse reactorNetty(ServerHttpResponse response) {
		try {
			Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
			return (nativeResponse instanceof HttpServerResponse netty) ? netty : null;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// a response of another server or a mock one: no native response to write to
			return null;
		}
	}

	@Override
	public Mono<ServerResponse> refuse(IllegalStateException error) {
		return Mono.error(error);
	}

	@Override
	public Flux<ServerSentEvent<String>> events(Flux<ServerSentEvent<String>> events) {
		return events.doOnSubscribe((subscription) -> {
			ServerHttpResponse response = this.exchange.getResponse();
			if (!response.isCommitted()) {
				addHeaders(response.getHeaders());
			}
		});
	}

	private static void addHeaders(HttpHeaders headers) {
		headers.setContentType(MediaType.TEXT_EVENT_STREAM);
		headers.set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		headers.set("X-Accel-Buffering", "no");
	}

}
