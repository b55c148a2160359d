package io.github.h3spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * An open WebSocket to the application under test. Every received message is kept in
 * order: read them one by one with {@link #next()} (blocking, with a timeout) or as a
 * {@link #messages() Flux} for {@code StepVerifier}. Thread-safe.
 */
public final class TestWebSocket implements AutoCloseable {

	private static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	private final BlockingQueue<TestMessage> received = new LinkedBlockingQueue<>();

	private final Sinks.Many<TestMessage> messages = Sinks.many().replay().all();

	private final Sinks.Many<WebSocketFrame> outgoing = Sinks.unsafe().many().unicast().onBackpressureBuffer();

	private final Sinks.One<TestCloseStatus> closeStatus = Sinks.one();

	private final Sinks.One<TestWebSocket> opened = Sinks.one();

	private final Duration timeout;

	private volatile @Nullable WebsocketOutbound outbound;

	private volatile @Nullable Channel channel;

	private volatile @Nullable HttpHeaders responseHeaders;

	private volatile @Nullable String protocol;

	private TestWebSocket(Duration timeout) {
		this.timeout = timeout;
	}

	static TestWebSocket open(HttpClient http, String url, List<String> protocols, boolean compression,
			Duration timeout) {
		TestWebSocket socket = new TestWebSocket(timeout);
		WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder()
			.maxFramePayloadLength(MAX_MESSAGE_SIZE)
			.compress(compression);
		if (!protocols.isEmpty()) {
			spec.protocols(String.join(",", protocols));
		}
		http.websocket(spec.build()).uri(url).handle((inbound, outbound) -> {
			HttpClientResponse response = (HttpClientResponse) inbound;
			socket.outbound = outbound;
			socket.responseHeaders = response.responseHeaders();
			socket.protocol = inbound.selectedSubprotocol();
			inbound.withConnection((connection) -> socket.channel = connection.channel());
			inbound.receiveCloseStatus()
				.map((status) -> new TestCloseStatus(status.code(), status.reasonText()))
				.defaultIfEmpty(new TestCloseStatus(1006, ""))
				.subscribe(socket.closeStatus::tryEmitValue);
			socket.opened.tryEmitValue(socket);
			Mono<Void> receiving = inbound.aggregateFrames(MAX_MESSAGE_SIZE)
				.receiveFrames()
				.doOnNext(socket::onFrame)
				.then();
			Mono<Void> sending = outbound.sendObject(socket.outgoing.asFlux()).then();
			return Mono.when(receiving, sending);
		}).subscribe(null, (error) -> {
			socket.opened.tryEmitError(rejection(error));
			socket.closeStatus.tryEmitValue(new TestCloseStatus(1006, String.valueOf(error.getMessage())));
			socket.messages.tryEmitComplete();
		}, () -> {
			socket.closeStatus.tryEmitValue(new TestCloseStatus(1006, ""));
			socket.messages.tryEmitComplete();
		});
		return socket.opened.asMono().block(timeout);
	}

	private static Throwable rejection(Throwable error) {
		if (error instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
			return new WebSocketRejectedException(handshake.response().status().code(), handshake.response().headers(),
					error);
		}
		return error;
	}

	private void onFrame(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			TestMessage message = new TestMessage(frame instanceof BinaryWebSocketFrame,
					ByteBufUtil.getBytes(frame.content()));
			this.received.add(message);
			this.messages.tryEmitNext(message);
		}
		else if (frame instanceof PingWebSocketFrame) {
			emit(new PongWebSocketFrame(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(frame.content()))));
		}
	}

	/**
	 * Sends a text message.
	 * @param text the text
	 */
	public void send(String text) {
		emit(new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * Sends a binary message.
	 * @param bytes the payload
	 */
	public void sendBinary(byte[] bytes) {
		emit(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes.clone())));
	}

	/**
	 * Sends a ping frame.
	 * @param data the payload, at most 125 bytes
	 */
	public void ping(byte[] data) {
		emit(new PingWebSocketFrame(Unpooled.wrappedBuffer(data.clone())));
	}

	/**
	 * Sends a raw frame, for tests of fragmentation or of protocol edge cases. The frame is
	 * released once written.
	 * @param frame the frame
	 */
	public void sendFrame(WebSocketFrame frame) {
		emit(frame);
	}

	private synchronized void emit(WebSocketFrame frame) {
		if (this.outgoing.tryEmitNext(frame).isFailure()) {
			frame.release();
			throw new IllegalStateException("The WebSocket is closed");
		}
	}

	/**
	 * Waits for the next message.
	 * @return the message
	 * @throws AssertionError when none arrives within the default timeout
	 */
	public TestMessage next() {
		return next(this.timeout);
	}

	/**
	 * Waits for the next message.
	 * @param timeout how long to wait
	 * @return the message
	 * @throws AssertionError when none arrives in time
	 */
	public TestMessage next(Duration timeout) {
		try {
			TestMessage message = this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				throw new AssertionError("No WebSocket message within " + timeout);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a message", ex);
		}
	}

	/**
	 * Waits for the next message and returns its text.
	 * @return the text
	 */
	public String nextText() {
		return next().text();
	}

	/**
	 * Returns the next message if one arrives within the timeout.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} when none arrived
	 */
	public @Nullable TestMessage poll(Duration timeout) {
		try {
			return this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Returns every message received since the socket opened, then the ones to come; completes
	 * when the connection closes. Independent of {@link #next()}.
	 * @return the messages
	 */
	public Flux<TestMessage> messages() {
		return this.messages.asFlux();
	}

	/**
	 * Completes with the close status when the connection ends.
	 * @return the close status
	 */
	public Mono<TestCloseStatus> closeStatus() {
		return this.closeStatus.asMono();
	}

	/**
	 * Waits for the connection to end.
	 * @return the close status
	 * @throws AssertionError when the connection is still open after the default timeout
	 */
	public TestCloseStatus awaitClose() {
		return awaitClose(this.timeout);
	}

	/**
	 * Waits for the connection to end.
	 * @param timeout how long to wait
	 * @return the close status
	 * @throws AssertionError when the connection is still open after the timeout
	 */
	public TestCloseStatus awaitClose(Duration timeout) {
		try {
			return this.closeStatus.asMono().block(timeout);
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("The WebSocket was still open after " + timeout, ex);
		}
	}

	/**
	 * Returns the headers of the {@code 101 Switching Protocols} response.
	 * @return the response headers
	 */
	public HttpHeaders handshakeHeaders() {
		HttpHeaders headers = this.responseHeaders;
		return (headers != null) ? headers : EmptyHttpHeaders.INSTANCE;
	}

	/**
	 * Returns the subprotocol the server selected.
	 * @return the subprotocol, or {@code null}
	 */
	public @Nullable String protocol() {
		return this.protocol;
	}

	/**
	 * Starts the close handshake with a code and a reason.
	 * @param code the close code
	 * @param reason the reason
	 */
	public void close(int code, String reason) {
		WebsocketOutbound out = this.outbound;
		// after the server closed, Reactor Netty would leak the unsent close frame
		if (out != null && !Boolean.TRUE.equals(this.closeStatus.scan(Scannable.Attr.TERMINATED))) {
			out.sendClose(code, reason).subscribe(null, (error) -> {
			});
		}
	}

	/**
	 * Drops the TCP connection at once with a reset, without a close frame.
	 */
	public void abort() {
		Channel open = this.channel;
		if (open != null) {
			open.config().setOption(ChannelOption.SO_LINGER, 0);
			open.close();
		}
	}

	/**
	 * Closes normally (1000) and waits for the connection to end.
	 */
	@Override
	public void close() {
		close(1000, "");
		try {
			this.closeStatus.asMono().block(this.timeout);
		}
		catch (IllegalStateException ex) {
			abort();
		}
	}

}
