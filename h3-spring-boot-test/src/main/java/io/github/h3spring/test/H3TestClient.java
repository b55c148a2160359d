package io.github.h3spring.test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

/**
 * Connects to the WebSocket and Server-Sent Events handlers of an application under test
 * over a real socket, with Reactor Netty's client. <pre class="code">
 * &#64;SpringBootTest(webEnvironment = RANDOM_PORT)
 * class EchoTests {
 *     &#64;LocalServerPort int port;
 *
 *     &#64;Test
 *     void answersPing() {
 *         try (TestWebSocket socket = H3TestClient.forPort(port).connect("/_ws")) {
 *             socket.send("ping");
 *             assertThat(socket.nextText()).isEqualTo("pong");
 *         }
 *     }
 * }
 * </pre> With {@link AutoConfigureH3TestClient @AutoConfigureH3TestClient} on the test
 * class, a client bound to the running server can be injected instead.
 */
public final class H3TestClient {

	/** How long blocking calls wait unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<String> baseUrl;

	private final HttpClient http;

	private final boolean compression;

	/**
	 * The certificate that {@code wss://} connections trust instead of the JDK's
	 * authorities.
	 */
	private final @Nullable X509Certificate trusted;

	private H3TestClient(Supplier<String> baseUrl, HttpClient http, boolean compression,
			@Nullable X509Certificate trusted) {
		this.baseUrl = baseUrl;
		this.http = http;
		this.compression = compression;
		this.trusted = trusted;
	}

	/**
	 * Creates a client for an application listening on localhost.
	 * @param port the server port, such as {@code @LocalServerPort}
	 * @return the client
	 */
	public static H3TestClient forPort(int port) {
		return forBaseUrl("ws://localhost:" + port);
	}

	/**
	 * Creates a client for an application at a base URL such as
	 * {@code ws://localhost:8080}.
	 * @param baseUrl the base URL, {@code ws://} or {@code wss://}
	 * @return the client
	 */
	public static H3TestClient forBaseUrl(String baseUrl) {
		String url = baseUrl.replaceFirst("/$", "");
		return new H3TestClient(() -> url, HttpClient.create(), true, null);
	}

	/**
	 * Creates a client whose base URL is computed when it is first needed, such as once
	 * the server of a {@code @SpringBootTest} has started.
	 * @param baseUrl supplies the base URL, {@code ws://} or {@code wss://}
	 * @return the client
	 */
	static H3TestClient forBaseUrl(Supplier<String> baseUrl) {
		return new H3TestClient(() -> baseUrl.get().replaceFirst("/$", ""), HttpClient.create(), true, null);
	}

	/**
	 * Returns a client whose WebSockets do not offer permessage-deflate. By default they
	 * offer it, as browsers and Node's WebSocket do, so tests see what those clients see.
	 * @return a client like this one, without compression
	 */
	public H3TestClient withoutCompression() {
		return new H3TestClient(this.baseUrl, this.http, false, this.trusted);
	}

	/**
	 * Returns a client whose {@code wss://} and {@code https://} connections trust this
	 * certificate (a self-signed one such as {@link TestCertificate}'s) instead of the
	 * JDK's certificate authorities.
	 * @param certificate the certificate to trust
	 * @return a client like this one, trusting the certificate
	 */
	public H3TestClient trusting(X509Certificate certificate) {
		HttpClient http = this.http.secure((tls) -> tls
			.sslContext(Http11SslContextSpec.forClient().configure((builder) -> builder.trustManager(certificate))));
		return new H3TestClient(this.baseUrl, http, this.compression, certificate);
	}

	/**
	 * Returns a client whose event streams go through this Reactor Netty client, for what
	 * the defaults do not cover: HTTP/2 ({@code protocol(HttpProtocol.H2C)}), a
	 * connection pool of its own, TLS settings. It replaces the HTTP settings of
	 * {@link #trusting}; WebSockets keep theirs.
	 * @param http the client
	 * @return a client like this one, streaming events through {@code http}
	 */
	public H3TestClient withHttpClient(HttpClient http) {
		return new H3TestClient(this.baseUrl, http, this.compression, this.trusted);
	}

	/**
	 * Returns the base URL.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.baseUrl.get();
	}

	/**
	 * Opens a WebSocket and waits for the handshake.
	 * @param path the path, with its query if any
	 * @return the open socket
	 * @throws WebSocketRejectedException when the server refuses the upgrade
	 */
	public TestWebSocket connect(String path) {
		return connect(path, (headers) -> {
		});
	}

	/**
	 * Opens a WebSocket with extra request headers (an {@code Origin}, a cookie, a token)
	 * and optional subprotocols, and waits for the handshake.
	 * @param path the path, with its query if any
	 * @param headers adds request headers
	 * @param protocols subprotocols to offer, in order of preference
	 * @return the open socket
	 * @throws WebSocketRejectedException when the server refuses the upgrade
	 */
	public TestWebSocket connect(String path, Consumer<HttpHeaders> headers, String... protocols) {
		HttpHeaders requestHeaders = new DefaultHttpHeaders();
		headers.accept(requestHeaders);
		return TestWebSocket.open(baseUrl() + path, requestHeaders, List.of(protocols), this.compression, this.trusted,
				DEFAULT_TIMEOUT);
	}

	/**
	 * Opens a Server-Sent Events stream ({@code GET} with
	 * {@code Accept: text/event-stream}) and waits for the response to start.
	 * @param path the path, with its query if any
	 * @return the open stream; check {@link TestEventStream#status()} for refusals
	 */
	public TestEventStream sse(String path) {
		return sse(path, (headers) -> {
		});
	}

	/**
	 * Opens a Server-Sent Events stream with extra request headers (a
	 * {@code Last-Event-ID}, a cookie, a token) and waits for the response to start.
	 * @param path the path, with its query if any
	 * @param headers adds request headers
	 * @return the open stream; check {@link TestEventStream#status()} for refusals
	 */
	public TestEventStream sse(String path, Consumer<HttpHeaders> headers) {
		String httpBaseUrl = baseUrl().replaceFirst("^ws", "http");
		HttpClient client = this.http.headers((defaults) -> defaults.set(HttpHeaderNames.ACCEPT, "text/event-stream"))
			.headers(headers);
		return TestEventStream.open(client, httpBaseUrl + path, DEFAULT_TIMEOUT);
	}

}
