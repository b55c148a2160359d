package io.github.h3spring.test;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.client.HttpClient;

/**
 * Connects to the WebSocket handlers of an application under test over a real socket, with
 * Reactor Netty's client.
 * <pre class="code">
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
 * </pre>
 */
public final class H3TestClient {

	/** How long blocking calls wait unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final String baseUrl;

	private final HttpClient http;

	private H3TestClient(String baseUrl, HttpClient http) {
		this.baseUrl = baseUrl;
		this.http = http;
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
	 * Creates a client for an application at a base URL such as {@code ws://localhost:8080}.
	 * @param baseUrl the base URL, {@code ws://} or {@code wss://}
	 * @return the client
	 */
	public static H3TestClient forBaseUrl(String baseUrl) {
		return new H3TestClient(baseUrl.replaceFirst("/$", ""), HttpClient.create());
	}

	/**
	 * Returns the base URL.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.baseUrl;
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
	 * Opens a WebSocket with extra request headers (an {@code Origin}, a cookie, a token) and
	 * optional subprotocols, and waits for the handshake.
	 * @param path the path, with its query if any
	 * @param headers adds request headers
	 * @param protocols subprotocols to offer, in order of preference
	 * @return the open socket
	 * @throws WebSocketRejectedException when the server refuses the upgrade
	 */
	public TestWebSocket connect(String path, Consumer<HttpHeaders> headers, String... protocols) {
		return TestWebSocket.open(this.http.headers(headers), this.baseUrl + path, List.of(protocols),
				DEFAULT_TIMEOUT);
	}

}
