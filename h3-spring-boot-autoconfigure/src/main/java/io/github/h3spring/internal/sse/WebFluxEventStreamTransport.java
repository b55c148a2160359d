package io.github.h3spring.internal.sse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebFlux side of an event stream: {@code send()} is a {@code Mono<ServerResponse>}
 * whose body goes straight to Reactor Netty when the server is Reactor Netty.
 */
public final class WebFluxEventStreamTransport implements EventStreamTransport {

	private static final Predicate<ByteBuf> FLUSH_EACH = (buffer) -> true;

	private final ServerWebExchange exchange;

	/**
	 * The connection's channel on Reactor Netty, whose outbound buffer holds what was
	 * written.
	 */
	private final @Nullable Channel channel;

	/**
	 * Bytes of frames handed to Reactor Netty and not yet in the channel's outbound
	 * buffer.
	 */
	private final AtomicLong handedOver = new AtomicLong();

	private WebFluxEventStreamTransport(ServerWebExchange exchange) {
		this.exchange = exchange;
		this.channel = nettyChannel(exchange);
	}

	private static @Nullable Channel nettyChannel(ServerWebExchange exchange) {
		try {
			Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
			return (nativeRequest instanceof Connection connection) ? connection.channel() : null;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// a request of another server or a mock one
			return null;
		}
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

	/**
	 * Reactor Netty takes up to 128 frames ahead and writes them into the channel, each
	 * copied to direct memory, whether the client reads or not: the frames it holds and
	 * those in the channel's outbound buffer count against the stream's limit. An HTTP/2
	 * stream's channel has no outbound buffer: there the frames stay handed over, and
	 * counted, until HTTP/2 flow control lets them out and they are released.
	 */
	@Override
	public long pendingBytes() {
		ChannelOutboundBuffer pending = (this.channel != null) ? this.channel.unsafe().outboundBuffer() : null;
		return this.handedOver.get() + ((pending != null) ? pending.totalPendingWriteBytes() : 0);
	}

	@Override
	public Mono<ServerResponse> response(Publisher<byte[]> frames) {
		BodyInserter<Void, ReactiveHttpOutputMessage> body = (message, context) -> {
			HttpServerResponse netty = (message instanceof ServerHttpResponse response) ? reactorNetty(response) : null;
			if (netty != null) {
				// the status and headers go through WebFlux; the events straight to
				// Reactor Netty, flushed as each is written, where writeWith would queue
				// one more task to flush
				return message.setComplete().then(netty.send(Flux.from(frames).map(this::handOver), FLUSH_EACH).then());
			}
			return message.writeWith(Flux.from(frames).map(message.bufferFactory()::wrap));
		};
		return ServerResponse.ok().headers(WebFluxEventStreamTransport::addHeaders).body(body);
	}

	private ByteBuf handOver(byte[] frame) {
		this.handedOver.addAndGet(frame.length);
		return new HandedOverFrame(frame, this.handedOver);
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

	/**
	 * A frame on its way through Reactor Netty, counted until it is released: when the
	 * channel has copied it into its outbound buffer (which counts it from then on), or
	 * when it is dropped.
	 */
	private static final class HandedOverFrame extends UnpooledHeapByteBuf {

		private final AtomicLong handedOver;

		private final int size;

		HandedOverFrame(byte[] frame, AtomicLong handedOver) {
			super(UnpooledByteBufAllocator.DEFAULT, frame, frame.length);
			this.handedOver = handedOver;
			this.size = frame.length;
		}

		@Override
		protected void deallocate() {
			this.handedOver.addAndGet(-this.size);
			super.deallocate();
		}

	}

}
