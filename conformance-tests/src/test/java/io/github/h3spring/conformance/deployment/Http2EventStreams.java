package io.github.h3spring.conformance.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.websocket.WebSocketHub;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event streams multiplexed over one HTTP/2 connection, with Reactor Netty's HTTP/2
 * client: {@link H2EventStreamTests} over TLS ({@code h2}), {@link H2cEventStreamTests}
 * in clear text with prior knowledge ({@code h2c}).
 */
abstract class Http2EventStreams {

	/**
	 * Tomcat's default limit of concurrent streams per connection, the lowest of the
	 * servers'.
	 */
	private static final int STREAMS = 100;

	private static final int EVENTS = 20;

	@LocalServerPort
	int port;

	@Autowired
	DeploymentApplication.Streams streams;

	@Autowired
	WebSocketHub hub;

	private final AtomicInteger connections = new AtomicInteger();

	private final Set<HttpVersion> versions = ConcurrentHashMap.newKeySet();

	private ConnectionProvider pool;

	private H3TestClient client;

	/** The client's HTTP/2 protocol and security: {@code H2} over TLS or {@code H2C}. */
	abstract HttpClient http2(HttpClient http);

	/** The base URL, {@code wss://} or {@code ws://}. */
	abstract String baseUrl(int port);

	@BeforeEach
	void setUp() {
		this.pool = ConnectionProvider.builder("h2-one-connection").maxConnections(1).build();
		HttpClient http = http2(HttpClient.create(this.pool))
			.doOnChannelInit((observer, channel, address) -> this.connections.incrementAndGet())
			.doOnResponse((response, connection) -> this.versions.add(response.version()))
			.headers((headers) -> headers.set("Accept", "text/event-stream"));
		this.client = H3TestClient.forBaseUrl(baseUrl(this.port)).withHttpClient(http);
	}

	@AfterEach
	void tearDown() {
		this.pool.dispose();
	}

	@Test
	void aHundredStreamsShareOneConnectionAndEachGetsEveryEvent() {
		List<TestEventStream> opened = new ArrayList<>();
		try {
			for (int i = 0; i < STREAMS; i++) {
				TestEventStream stream = this.client.sse("/events?topic=multiplexed");
				assertThat(stream.status()).isEqualTo(200);
				assertThat(stream.nextData()).endsWith("/events?topic=multiplexed");
				opened.add(stream);
			}
			IntStream.rangeClosed(1, EVENTS).forEach((i) -> this.hub.publish("multiplexed", "event " + i));
			List<String> expected = IntStream.rangeClosed(1, EVENTS).mapToObj((i) -> "event " + i).toList();
			for (TestEventStream stream : opened) {
				List<String> received = IntStream.range(0, EVENTS).mapToObj((i) -> stream.nextData()).toList();
				assertThat(received).isEqualTo(expected);
			}
		}
		finally {
			opened.forEach(TestEventStream::close);
		}
		assertThat(this.connections).as("TCP connections opened").hasValue(1);
		assertThat(this.versions).containsExactly(HttpVersion.valueOf("HTTP/2.0"));
	}

	@Test
	void heartbeatsKeepFlowingOnAnHttp2Stream() {
		try (TestEventStream stream = this.client.sse("/events?keepAlive=100")) {
			stream.nextData();
			assertThat(stream.nextComment()).isNotNull();
			assertThat(stream.nextComment()).isNotNull();
		}
		assertThat(this.versions).containsExactly(HttpVersion.valueOf("HTTP/2.0"));
	}

	/**
	 * A client that stops reading one stream lets HTTP/2 flow control stop the server's
	 * writes to it; what the server then holds for it is bounded by its send buffer,
	 * after which the stream is closed.
	 */
	@Test
	void aStreamNobodyReadsIsClosedAtItsSendBufferLimit() {
		HttpClient http = http2(HttpClient.create(this.pool));
		StalledReader stalled = new StalledReader();
		http.get()
			.uri(baseUrl(this.port).replaceFirst("^ws", "http") + "/events?name=stalled&topic=stalled&limit=65536")
			.responseContent()
			.subscribe(stalled);
		await().atMost(Duration.ofSeconds(10)).until(() -> stalled.received.get() > 0);
		EventStream stream = this.streams.get("stalled");
		String event = "x".repeat(1024);
		// 4 MB, far beyond both the stream's HTTP/2 window (64 KB) and its send buffer
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
			IntStream.range(0, 64).forEach((i) -> this.hub.publish("stalled", event));
			return stream.isClosed();
		});
		stalled.dispose();
	}

	/** Takes the first chunk of a response and asks for nothing more. */
	private static final class StalledReader extends BaseSubscriber<Object> {

		private final AtomicInteger received = new AtomicInteger();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(1);
		}

		@Override
		protected void hookOnNext(Object chunk) {
			this.received.incrementAndGet();
		}

	}

}
