package io.github.h3spring.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import org.jspecify.annotations.Nullable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpSslContextSpec;

/**
 * An open WebSocket to the application under test. Every received message is kept in
 * order: read them one by one with {@link #next()} (blocking, with a timeout) or as a
 * {@link #messages() Flux} for {@code StepVerifier}. Thread-safe.
 * <p>
 * The handshake runs on a plain Reactor Netty TCP connection with Netty's WebSocket
 * handshaker rather than on Reactor Netty's WebSocket client: that client reports a
 * refused upgrade as an error of the connection, logged at WARN with a stack trace, and
 * drops the body of the refusal. Here a refusal is an ordinary outcome that a test
 * asserts on, so it completes the connection quietly and keeps the status, headers and
 * body.
 */
public final class TestWebSocket implements AutoCloseable {

	private static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	/** Most bytes of a refusal's body that are kept. */
	private static final int MAX_REFUSAL_SIZE = 1024 * 1024;

	private final BlockingQueue<TestMessage> received = new LinkedBlockingQueue<>();

	private final Sinks.Many<TestMessage> messages = Sinks.many().replay().all();

	private final Sinks.Many<WebSocketFrame> outgoing = Sinks.unsafe().many().unicast().onBackpressureBuffer();

	private final Sinks.One<TestCloseStatus> closeStatus = Sinks.one();

	private final Sinks.One<TestWebSocket> opened = Sinks.one();

	private final AtomicBoolean closeSent = new AtomicBoolean();

	private final WebSocketClientHandshaker handshaker;

	private final Duration timeout;

	private volatile @Nullable Channel channel;

	private volatile @Nullable HttpHeaders responseHeaders;

	private volatile @Nullable String protocol;

	private TestWebSocket(WebSocketClientHandshaker handshaker, Duration timeout) {
		this.handshaker = handshaker;
		this.timeout = timeout;
	}

	static TestWebSocket open(String url, HttpHeaders requestHeaders, List<String> protocols, boolean compression,
			@Nullable X509Certificate trusted, Duration timeout) {
		URI uri = URI.create(url);
		boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
		WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
				protocols.isEmpty() ? null : String.join(",", protocols), true, requestHeaders, MAX_MESSAGE_SIZE);
		TestWebSocket socket = new TestWebSocket(handshaker, timeout);
		TcpClient tcp = TcpClient.create()
			.host(uri.getHost())
			.port((uri.getPort() != -1) ? uri.getPort() : secure ? 443 : 80)
			.doOnConnected((connection) -> {
				connection.addHandlerLast("h3.test.http", new HttpClientCodec())
					.addHandlerLast("h3.test.handshake", new HttpObjectAggregator(MAX_REFUSAL_SIZE));
				if (compression) {
					// offers permessage-deflate and, when the server accepts, inflates
					// and deflates
					connection.addHandlerLast("h3.test.compression",
							new WebSocketClientCompressionHandler(MAX_MESSAGE_SIZE));
				}
			});
		(secure ? secure(tcp, trusted) : tcp).handle((inbound, outbound) -> {
			inbound.withConnection((connection) -> {
				Channel channel = connection.channel();
				socket.channel = channel;
				handshaker.handshake(channel).addListener((sent) -> {
					if (!sent.isSuccess()) {
						socket.opened.tryEmitError(sent.cause());
						channel.close();
					}
				});
			});
			Mono<Void> receiving = inbound.receiveObject().doOnNext(socket::onInbound).then().onErrorResume((error) -> {
				socket.onConnectionError(error);
				return Mono.empty();
			});
			Mono<Void> sending = outbound.sendObject(socket.outgoing.asFlux()).then();
			return Mono.when(receiving, sending);
		}).connect().flatMap(Connection::onDispose).subscribe(null, socket::onConnectionError, socket::onConnectionEnd);
		TestWebSocket open = socket.opened.asMono().block(timeout);
		if (open == null) {
			// the sink is completed with a value or an error, never empty
			throw new IllegalStateException("The WebSocket to " + uri + " ended without opening");
		}
		return open;
	}

	private static TcpClient secure(TcpClient tcp, @Nullable X509Certificate trusted) {
		if (trusted == null) {
			return tcp.secure();
		}
		return tcp.secure((tls) -> tls
			.sslContext(TcpSslContextSpec.forClient().configure((builder) -> builder.trustManager(trusted))));
	}

	private void onInbound(Object message) {
		if (message instanceof FullHttpResponse response) {
			onHandshakeResponse(response);
		}
		else if (message instanceof WebSocketFrame frame) {
			onFrame(frame);
		}
	}

	private void onHandshakeResponse(FullHttpResponse response) {
		Channel open = this.channel;
		if (open == null) {
			return;
		}
		if (!response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
			this.opened.tryEmitError(new WebSocketRejectedException(response.status().code(), response.headers().copy(),
					response.content().toString(StandardCharsets.UTF_8)));
			open.close();
			return;
		}
		try {
			this.handshaker.finishHandshake(open, response);
		}
		catch (RuntimeException ex) {
			this.opened.tryEmitError(ex);
			open.close();
			return;
		}
		// the handshaker replaced the HTTP codec with the WebSocket one; messages arrive
		// whole
		Connection.from(open).addHandlerLast("h3.test.frames", new WebSocketFrameAggregator(MAX_MESSAGE_SIZE));
		this.responseHeaders = response.headers().copy();
		this.protocol = this.handshaker.actualSubprotocol();
		this.opened.tryEmitValue(this);
	}

	private void onConnectionError(Throwable error) {
		this.opened.tryEmitError(error);
		this.closeStatus.tryEmitValue(new TestCloseStatus(1006, String.valueOf(error.getMessage())));
		this.messages.tryEmitComplete();
	}

	private void onConnectionEnd() {
		this.opened
			.tryEmitError(new IllegalStateException("The connection closed before the WebSocket handshake completed"));
		this.closeStatus.tryEmitValue(new TestCloseStatus(1006, ""));
		this.messages.tryEmitComplete();
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
		else if (frame instanceof CloseWebSocketFrame close) {
			int code = close.statusCode();
			this.closeStatus.tryEmitValue(
					(code != -1) ? new TestCloseStatus(code, close.reasonText()) : new TestCloseStatus(1005, ""));
			sendClose(new CloseWebSocketFrame(true, 0, Unpooled.wrappedBuffer(ByteBufUtil.getBytes(close.content()))));
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
	 * Sends a raw frame, for tests of fragmentation or of protocol edge cases. The frame
	 * is released once written.
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
	 * Returns every message received since the socket opened, then the ones to come;
	 * completes when the connection closes. Independent of {@link #next()}.
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
			TestCloseStatus status = this.closeStatus.asMono().block(timeout);
			if (status == null) {
				// the sink is completed with a status, never empty
				throw new IllegalStateException("The WebSocket ended without a close status");
			}
			return status;
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
		if (!Boolean.TRUE.equals(this.closeStatus.scan(Scannable.Attr.TERMINATED))) {
			this.closeStatus.tryEmitValue(new TestCloseStatus(code, reason));
			sendClose(new CloseWebSocketFrame(code, reason));
		}
	}

	/** Sends the one close frame of this side, then closes the connection. */
	private void sendClose(CloseWebSocketFrame frame) {
		Channel open = this.channel;
		if (open == null || !open.isActive() || !this.closeSent.compareAndSet(false, true)) {
			frame.release();
			return;
		}
		open.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
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
