package io.github.h3spring.webmvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.RawHttp;
import io.github.h3spring.test.RawWebSocket;
import io.github.h3spring.test.TestCloseStatus;
import io.github.h3spring.test.TestMessage;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import io.github.h3spring.webmvc.HooksApplication.EventLog;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The hooks on Spring MVC over real sockets (Tomcat here, Jetty in webmvc-jetty-tests): the
 * same behaviour as on WebFlux, from the upgrade hook to the close codes of broken clients.
 */
class ServletWebSocketTests {

	private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13";

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(HooksApplication.class)
			.properties("server.port=0", "h3.websocket.max-message-size=4KB", "h3.websocket.send-buffer-limit=64KB")
			.run();
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	private static H3TestClient client() {
		return H3TestClient.forPort(port);
	}

	private static EventLog log() {
		return context.getBean(EventLog.class);
	}

	private static String peerId(TestWebSocket socket) {
		return socket.nextText().substring("hello ".length());
	}

	@Test
	void hooksRunInOrderAndCloseSeesTheClientsCodeAndReason() {
		String id;
		try (TestWebSocket socket = client().connect("/_ws")) {
			id = peerId(socket);
			socket.send("one");
			assertThat(socket.nextText()).isEqualTo("one");
			socket.close(4001, "done");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(log().entries.stream().filter((entry) -> entry.contains(id)))
				.hasSize(3)
				.satisfiesExactly((open) -> assertThat(open).isEqualTo("open " + id),
						(message) -> assertThat(message).startsWith("message " + id + " one"),
						(close) -> assertThat(close).isEqualTo("close " + id + " 4001 done")));
	}

	@Test
	void sendsTextBinaryJsonAndPublishers() {
		try (TestWebSocket socket = client().connect("/_ws")) {
			peerId(socket);
			socket.send("json");
			assertThat(socket.nextText()).isEqualTo("{\"answer\":42}");
			socket.send("binary");
			TestMessage binary = socket.next();
			assertThat(binary.binary()).isTrue();
			assertThat(new String(binary.bytes(), StandardCharsets.UTF_8)).isEqualTo("bytes");
			socket.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(socket.next().bytes()).containsExactly(1, 2, 3);
			socket.send("flux");
			assertThat(socket.nextText()).isEqualTo("a");
			assertThat(socket.nextText()).isEqualTo("b");
			assertThat(socket.nextText()).isEqualTo("c");
		}
	}

	@Test
	void waitForDrainCompletesOnceTheContainerHasTakenWhatWasSent() {
		try (TestWebSocket socket = client().connect("/_ws")) {
			peerId(socket);
			socket.send("wait");
			assertThat(socket.nextText()).hasSize(32 * 1024);
			assertThat(socket.nextText()).isEqualTo("drained 0");
		}
	}

	@Test
	void blockingHandlersRunOffTheContainerThread() {
		try (TestWebSocket socket = client().connect("/blocking")) {
			String id = peerId(socket);
			socket.send("where");
			assertThat(socket.nextText()).isEqualTo("where");
			assertThat(log().entries).filteredOn((entry) -> entry.startsWith("message " + id))
				.singleElement()
				.satisfies((entry) -> assertThat(entry).doesNotContain("http-nio").doesNotContain("qtp"));
		}
	}

	@Test
	void messagesThatArriveFasterThanABlockingHandlerRunsAreAllHandledInOrder() {
		try (TestWebSocket socket = client().connect("/blocking")) {
			peerId(socket);
			socket.send("sleep:500");
			for (int i = 0; i < 100; i++) {
				socket.send("m" + i);
			}
			assertThat(socket.nextText()).isEqualTo("slept");
			for (int i = 0; i < 100; i++) {
				assertThat(socket.nextText()).isEqualTo("m" + i);
			}
		}
	}

	@Test
	void publishReachesTheOtherSubscribersAndTheHubReachesEveryone() {
		try (TestWebSocket alice = client().connect("/_ws"); TestWebSocket bob = client().connect("/_ws")) {
			peerId(alice);
			peerId(bob);
			alice.send("sub:news");
			assertThat(alice.nextText()).isEqualTo("subscribed");
			bob.send("sub:news");
			assertThat(bob.nextText()).isEqualTo("subscribed");
			alice.send("pub:news:from alice");
			assertThat(bob.nextText()).isEqualTo("from alice");
			context.getBean(WebSocketHub.class).publish("news", "from the hub");
			assertThat(alice.nextText()).isEqualTo("from the hub");
			assertThat(bob.nextText()).isEqualTo("from the hub");
		}
	}

	@Test
	void theUpgradeHookRejectsWithItsStatusHeadersAndBody() {
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> client().connect("/guarded/a", (headers) -> headers.set("X-Reject", "1")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.headers().get("X-Why")).isEqualTo("token");
				assertThat(ex.body()).isEqualTo("no token");
			});
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> client().connect("/guarded/a", (headers) -> headers.set("X-Throw", "1")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(409);
				assertThat(ex.headers().get("X-Conflict")).isEqualTo("yes");
				assertThat(ex.body()).isEqualTo("taken");
			});
	}

	@Test
	void theUpgradeHookAcceptsWithHeadersSubprotocolNamespaceAndContext() {
		try (TestWebSocket socket = client().connect("/guarded/blue", (headers) -> {
			headers.set("X-User", "ada");
			headers.set("X-Protocol", "chat.v2");
		}, "chat.v1", "chat.v2")) {
			assertThat(socket.handshakeHeaders().get("X-Extra")).isEqualTo("yes");
			assertThat(socket.protocol()).isEqualTo("chat.v2");
			peerId(socket);
			socket.send("context");
			assertThat(socket.nextText()).isEqualTo("room-blue ada chat.v2");
		}
	}

	@Test
	void theUpgradeRequestCarriesDecodedQueryParameters() {
		try (TestWebSocket socket = client().connect("/_ws?name=a%20b&n=1")) {
			peerId(socket);
			socket.send("query:name");
			assertThat(socket.nextText()).isEqualTo("a b");
		}
	}

	@Test
	void aSubprotocolTheClientDidNotOfferIsRefused() {
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> client().connect("/guarded/a", (headers) -> headers.set("X-Protocol", "other"),
					"chat.v1"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
	}

	@Test
	void aPageFromAnotherOriginIsRefused() throws IOException {
		RawHttp.Response refused = RawHttp.exchange(port,
				"GET /_ws HTTP/1.1\r\n" + UPGRADE + "\r\nOrigin: https://evil.example.com");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo("Origin not allowed");
	}

	@Test
	void malformedHandshakesGetTheirAnswers() throws IOException {
		RawHttp.Response version = RawHttp.exchange(port, "GET /_ws HTTP/1.1\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8");
		assertThat(version.status()).isEqualTo(426);
		assertThat(version.header("Sec-WebSocket-Version")).isEqualTo("13");
		RawHttp.Response key = RawHttp.exchange(port,
				"GET /_ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13");
		assertThat(key.status()).isEqualTo(400);
	}

	@Test
	void anOversizedMessageClosesWith1009() {
		try (TestWebSocket socket = client().connect("/_ws")) {
			peerId(socket);
			socket.send("x".repeat(8 * 1024));
			assertThat(socket.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void aMessageUpToTheLimitLargerThanTheContainersDefaultGetsThrough() {
		try (TestWebSocket socket = client().withoutCompression().connect("/_ws")) {
			peerId(socket);
			String large = "y".repeat(4000);
			socket.send(large);
			assertThat(socket.nextText()).isEqualTo(large);
		}
	}

	@Test
	void invalidUtf8ClosesWith1007() throws IOException {
		try (RawWebSocket socket = RawWebSocket.connect(port, "/_ws")) {
			socket.readFrame();
			socket.writeFrame(true, RawWebSocket.TEXT, new byte[] { (byte) 0xC3, 0x28 }, true);
			RawWebSocket.Frame close = socket.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1007);
		}
	}

	@Test
	void aPeerThatDoesNotReadIsClosedWith1008() throws IOException {
		try (RawWebSocket socket = RawWebSocket.connect(port, "/_ws")) {
			RawWebSocket.Frame hello = socket.readFrame();
			String id = hello.text().substring("hello ".length());
			socket.sendText("flood:2000");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(log().entries).anyMatch((entry) -> entry.startsWith("message " + id)));
			RawWebSocket.Frame close = socket.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1008);
		}
	}

	@Test
	void permessageDeflateIsNegotiatedWhenTheClientOffersIt() {
		try (TestWebSocket socket = client().connect("/_ws")) {
			peerId(socket);
			socket.send("extensions");
			assertThat(socket.nextText()).isEqualTo("permessage-deflate");
			String large = "compressible ".repeat(300);
			socket.send(large);
			assertThat(socket.nextText()).isEqualTo(large);
		}
		try (TestWebSocket socket = client().withoutCompression().connect("/_ws")) {
			peerId(socket);
			socket.send("extensions");
			assertThat(socket.nextText()).isEmpty();
		}
	}

	@Test
	void peerCloseSendsTheCodeAfterWhatWasSent() {
		try (TestWebSocket socket = client().connect("/_ws")) {
			peerId(socket);
			socket.send("before");
			socket.send("bye");
			assertThat(socket.nextText()).isEqualTo("before");
			TestCloseStatus status = socket.awaitClose();
			assertThat(status.code()).isEqualTo(4000);
			assertThat(status.reason()).isEqualTo("bye");
		}
	}

}
