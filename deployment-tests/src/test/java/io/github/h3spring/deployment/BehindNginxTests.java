package io.github.h3spring.deployment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestCertificate;
import io.github.h3spring.test.TestCloseStatus;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two instances (A trusts forwarded headers natively, B through Spring's filter) with the
 * Redis backplane, behind one nginx that terminates TLS and balances round-robin without
 * sticky sessions, configured as docs/deployment.md shows. The rolling restart runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BehindNginxTests {

	/** The quietest a connection may be before nginx closes it, in this test. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private static final Map<String, Object> INSTANCE_PROPERTIES = Map.of("h3.websocket.idle-timeout", "1s",
			"h3.sse.keep-alive", "1s");

	private final String channel = "h3-deployment-" + UUID.randomUUID();

	private TestCertificate certificate;

	private int portA;

	private Instance a;

	private Instance b;

	private Nginx nginx;

	private int proxyPort;

	private H3TestClient proxy;

	@BeforeAll
	void start() throws IOException {
		Nginx.require();
		requireRedis();
		this.certificate = TestCertificate.generate(Path.of("target", "tls"));
		this.portA = freePort();
		int portB = freePort();
		this.proxyPort = freePort();
		this.a = startA();
		this.b = Instance.start("B", portB, this.channel, "framework", INSTANCE_PROPERTIES);
		this.nginx = Nginx.start(Path.of("target", "nginx"), this.proxyPort,
				Map.of("H3_INSTANCE_A", "127.0.0.1:" + this.portA, "H3_INSTANCE_B", "127.0.0.1:" + portB,
						"H3_CERTIFICATE", this.certificate.certificatePem().toAbsolutePath().toString(),
						"H3_CERTIFICATE_KEY", this.certificate.privateKeyPem().toAbsolutePath().toString(),
						"H3_READ_TIMEOUT", READ_TIMEOUT.toSeconds() + "s"));
		this.proxy = H3TestClient.forBaseUrl("wss://localhost:" + this.proxyPort)
			.trusting(this.certificate.certificate());
	}

	private Instance startA() {
		return Instance.start("A", this.portA, this.channel, "native", INSTANCE_PROPERTIES);
	}

	@AfterAll
	void stop() {
		for (AutoCloseable running : Arrays.asList(this.nginx, this.a, this.b)) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// the others still stop
			}
		}
	}

	@Test
	@Order(1)
	void aChatMessageCrossesInstancesOverWssThroughNginx() {
		try (Chatter onA = chatOn("A"); Chatter onB = chatOn("B")) {
			onA.send("hello from A");
			assertThat(onB.nextText()).isEqualTo("hello from A");
			onB.send("hello from B");
			assertThat(onA.nextText()).isEqualTo("hello from B");
		}
	}

	/**
	 * Over HTTP/2 to nginx, as browsers connect: each event within 100 ms of its push at
	 * the 95th percentile, after a warm-up (the first events pay for class loading and
	 * TLS).
	 */
	@Test
	@Order(2)
	void eventsArriveThroughNginxAsTheyArePushed() {
		Set<HttpVersion> versions = ConcurrentHashMap.newKeySet();
		ConnectionProvider pool = ConnectionProvider.create("nginx-h2", 1);
		HttpClient h2 = HttpClient.create(pool)
			.protocol(HttpProtocol.H2)
			.secure((tls) -> tls.sslContext(Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(this.certificate.certificate()))))
			.headers((headers) -> headers.set("Accept", "text/event-stream"))
			.doOnResponse((response, connection) -> versions.add(response.version()));
		List<Long> delays = new ArrayList<>();
		try (TestEventStream ticks = this.proxy.withHttpClient(h2).sse("/ticks?every=20")) {
			IntStream.range(0, 25).forEach((warmUp) -> ticks.next());
			for (int i = 0; i < 100; i++) {
				long pushedAt = Long.parseLong(ticks.nextData());
				delays.add(System.nanoTime() - pushedAt);
			}
		}
		finally {
			pool.dispose();
		}
		delays.sort(null);
		System.out.printf(
				"[deployment] SSE through nginx (h2), %d events: push to arrival p50 %.2f ms, p95 %.2f ms, "
						+ "max %.2f ms%n",
				delays.size(), millis(percentile(delays, 50)), millis(percentile(delays, 95)),
				millis(percentile(delays, 100)));
		assertThat(versions).containsExactly(HttpVersion.valueOf("HTTP/2.0"));
		assertThat(millis(percentile(delays, 95))).as("p95 of push to arrival, ms").isLessThanOrEqualTo(100);
	}

	@Test
	@Order(3)
	void forwardedHeadersGiveTheHandlersTheClientsOriginAndAddress() {
		String origin = "https://localhost:" + this.proxyPort;
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			// same-origin: the page of the proxy's https origin, not of the instance's
			// http one
			try (TestWebSocket socket = this.proxy.connect("/whoami", (headers) -> headers.set("Origin", origin))) {
				seen.add(socket.nextText());
			}
		}
		// nginx connects from 127.0.0.3: the instances took the client's 127.0.0.1 from
		// X-Forwarded-For
		assertThat(seen).containsExactlyInAnyOrder("A " + origin + "/whoami 127.0.0.1",
				"B " + origin + "/whoami 127.0.0.1");
		H3TestClient direct = H3TestClient.forPort(this.a.port());
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> direct.connect("/whoami", (headers) -> headers.set("Origin", origin)))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
	}

	/**
	 * Server pings and heartbeat comments keep connections busier than nginx's
	 * {@code proxy_read_timeout}; a stream without heartbeat is cut by nginx.
	 */
	@Test
	@Order(4)
	void heartbeatsAndPingsOutliveTheProxyReadTimeout() {
		try (Chatter quiet = chatOn("A");
				Chatter other = chatOn("B");
				TestEventStream beating = this.proxy.sse("/events");
				TestEventStream silent = this.proxy.sse("/events?keepAlive=0")) {
			long start = System.nanoTime();
			assertThat(silent.next().event()).isEqualTo("instance");
			silent.awaitComplete(READ_TIMEOUT.multipliedBy(4));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the silent stream's life")
				.isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(500));
			// the others have now been quiet for longer than nginx's timeout
			Duration rest = READ_TIMEOUT.plusSeconds(1).minusNanos(System.nanoTime() - start);
			if (!rest.isNegative()) {
				await().pollDelay(rest).atMost(rest.plusSeconds(10)).until(() -> true);
			}
			other.send("still here");
			assertThat(quiet.nextText()).isEqualTo("still here");
			assertThat(beating.next().event()).isEqualTo("instance");
			assertThat(beating.nextData()).isEqualTo("still here");
			assertThat(beating.error()).isNull();
		}
	}

	/**
	 * What nginx adds to a chat message between two sockets of one instance (so that no
	 * backplane hop is counted): wss through nginx against ws to the instance, in
	 * alternating rounds of the same run so that both see the same machine.
	 */
	@Test
	@Order(5)
	void measuresTheLatencyNginxAddsToAChatMessage() {
		H3TestClient direct = H3TestClient.forPort(this.a.port());
		try (Chatter directSender = Chatter.connect(direct, "/latency/direct");
				Chatter directReceiver = Chatter.connect(direct, "/latency/direct");
				Chatter proxiedSender = chatOn("A", "/latency/proxied");
				Chatter proxiedReceiver = chatOn("A", "/latency/proxied")) {
			latencies(directSender, directReceiver, 200);
			latencies(proxiedSender, proxiedReceiver, 200);
			List<Long> directly = new ArrayList<>();
			List<Long> proxied = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				directly.addAll(latencies(directSender, directReceiver, 100));
				proxied.addAll(latencies(proxiedSender, proxiedReceiver, 100));
			}
			directly.sort(null);
			proxied.sort(null);
			System.out.printf(
					"[deployment] chat message between two sockets of one instance, %d each: direct (ws) "
							+ "p50 %.3f ms p99 %.3f ms; through nginx (wss) p50 %.3f ms p99 %.3f ms; "
							+ "added p50 %.3f ms p99 %.3f ms%n",
					directly.size(), millis(percentile(directly, 50)), millis(percentile(directly, 99)),
					millis(percentile(proxied, 50)), millis(percentile(proxied, 99)),
					millis(percentile(proxied, 50) - percentile(directly, 50)),
					millis(percentile(proxied, 99) - percentile(directly, 99)));
			assertThat(millis(percentile(proxied, 99))).as("p99 through nginx, ms").isLessThan(250);
		}
	}

	/**
	 * Sends messages one at a time and measures how long each takes to reach the
	 * receiver.
	 */
	private static List<Long> latencies(Chatter sender, Chatter receiver, int count) {
		List<Long> latencies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			sender.send(Long.toString(System.nanoTime()));
			long sentAt = Long.parseLong(receiver.nextText());
			latencies.add(System.nanoTime() - sentAt);
		}
		return latencies;
	}

	/**
	 * Instance A stops gracefully and starts again, as in a rolling restart: its peers
	 * get 1001 and reconnect through nginx to B, what A published before it stopped still
	 * reaches B, an event stream of A resumes on B with what it missed meanwhile, and
	 * once A is back nginx sends new connections to it again.
	 */
	@Test
	@Order(6)
	void aRollingRestartMovesThePeersOfTheStoppedInstanceToTheOther() {
		Chatter first = chatOn("A");
		Chatter second = chatOn("A");
		try (Chatter onB = chatOn("B");
				TestEventStream streamOnB = eventsOn("B");
				TestEventStream events = eventsOn("A")) {
			List<String> burst = IntStream.range(0, 50).mapToObj((i) -> "burst " + i).toList();
			burst.forEach(first::send);
			assertThat(IntStream.range(0, burst.size()).mapToObj((i) -> second.nextText()).toList()).isEqualTo(burst);
			TestServerSentEvent last = IntStream.range(0, burst.size()).mapToObj((i) -> events.next()).toList().get(49);
			assertThat(last.id()).isNotNull();
			this.a.close();
			assertThat(first.awaitClose()).isEqualTo(1001);
			assertThat(second.awaitClose()).isEqualTo(1001);
			events.awaitComplete();
			// nothing A published before it stopped was lost on the way to B
			assertThat(IntStream.range(0, burst.size()).mapToObj((i) -> onB.nextText()).toList()).isEqualTo(burst);
			onB.send("while A is down");
			try (Chatter moved = await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.until(() -> Chatter.connect(this.proxy), (chatter) -> chatter.instance.equals("B"))) {
				onB.send("after the move");
				assertThat(moved.nextText()).isEqualTo("after the move");
			}
			try (TestEventStream resumed = this.proxy.sse("/events",
					(headers) -> headers.set("Last-Event-ID", last.id()))) {
				assertThat(resumed.next().data()).isEqualTo("B");
				// an id names the same position on every instance: B, whose stream had
				// the burst too, replays what the client missed (docs/scale-out.md)
				for (String missed : List.of("while A is down", "after the move")) {
					TestServerSentEvent event = resumed.next();
					assertThat(event.event()).isNotEqualTo(EventStream.RESET_EVENT);
					assertThat(event.data()).isEqualTo(missed);
				}
				onB.send("live");
				assertThat(resumed.next().data()).as("nothing else was replayed").isEqualTo("live");
			}
			this.a = startA();
			// nginx tries A again once its fail_timeout has passed
			try (Chatter back = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> Chatter.connect(this.proxy), Chatter::isOnA)) {
				back.send("A is back");
				assertThat(onB.nextText()).isEqualTo("A is back");
			}
		}
		finally {
			first.close();
			second.close();
		}
	}

	/** Connects through nginx until round-robin lands on the instance. */
	private Chatter chatOn(String instance) {
		return chatOn(instance, "/chat");
	}

	private Chatter chatOn(String instance, String path) {
		for (int i = 0; i < 10; i++) {
			Chatter chatter = Chatter.connect(this.proxy, path);
			if (chatter.instance.equals(instance)) {
				return chatter;
			}
			chatter.close();
		}
		throw new AssertionError("nginx never sent a connection to " + instance);
	}

	private TestEventStream eventsOn(String instance) {
		for (int i = 0; i < 10; i++) {
			TestEventStream stream = this.proxy.sse("/events");
			if (stream.next().data().equals(instance)) {
				return stream;
			}
			stream.close();
		}
		throw new AssertionError("nginx never sent a stream to " + instance);
	}

	private static void requireRedis() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6379), 2000);
		}
		catch (IOException ex) {
			String reason = "Redis is not reachable on 127.0.0.1:6379 (" + ex.getMessage() + ")";
			if ("true".equals(System.getenv("H3_REQUIRE_SERVICES"))) {
				throw new AssertionError(reason + " and H3_REQUIRE_SERVICES=true");
			}
			Assumptions.abort(reason + ": skipping; set H3_REQUIRE_SERVICES=true to fail instead");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

	/** A chat socket and the instance it landed on. */
	private static final class Chatter implements AutoCloseable {

		private final TestWebSocket socket;

		private final String instance;

		private Chatter(TestWebSocket socket, String instance) {
			this.socket = socket;
			this.instance = instance;
		}

		static Chatter connect(H3TestClient client) {
			return connect(client, "/chat");
		}

		static Chatter connect(H3TestClient client, String path) {
			TestWebSocket socket = client.connect(path);
			String ready = socket.nextText();
			assertThat(ready).startsWith("ready ");
			return new Chatter(socket, ready.substring("ready ".length()));
		}

		boolean isOnA() {
			if (this.instance.equals("A")) {
				return true;
			}
			close();
			return false;
		}

		void send(String text) {
			this.socket.send(text);
		}

		String nextText() {
			try {
				return this.socket.nextText();
			}
			catch (AssertionError ex) {
				TestCloseStatus closed = this.socket.closeStatus().block(Duration.ZERO.plusMillis(1));
				throw new AssertionError(
						ex.getMessage() + " on " + this.instance + ((closed != null) ? ", closed " + closed : ""), ex);
			}
		}

		int awaitClose() {
			return this.socket.awaitClose().code();
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

}
