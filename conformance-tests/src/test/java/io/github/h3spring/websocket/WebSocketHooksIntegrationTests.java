package io.github.h3spring.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.h3spring.conformance.Stack;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.RawHttp;
import io.github.h3spring.test.RawWebSocket;
import io.github.h3spring.test.TestCloseStatus;
import io.github.h3spring.test.TestMessage;
import io.github.h3spring.test.TestWebSocket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = HookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebSocketHooksIntegrationTests {

	private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	private static final String KEY_HEADER = "Sec-WebSocket-Key: " + KEY;

	private static final String UPGRADE_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade";

	@LocalServerPort
	int port;

	@Autowired
	HookTestApplication.EventLog log;

	@Autowired
	WebSocketHub hub;

	H3TestClient client;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forPort(this.port);
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void hooksRunInOrderWithTheClientsCloseCodeAndReason() {
		String peerId;
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
			peerId = peerIdOf(socket);
			socket.close(4001, "done");
			assertThat(socket.awaitClose().code()).isEqualTo(4001);
		}
		await().untilAsserted(() -> assertThat(entriesOf(peerId)).containsExactly("open " + peerId,
				"message " + peerId + " ping", "message " + peerId + " id", "close " + peerId + " 4001 done"));
		await().until(() -> this.hub.peers().stream().noneMatch((peer) -> peer.id().equals(peerId)));
	}

	@Test
	void aCloseFrameWithoutACodeReaches1005WithAnEmptyReason() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			ws.sendText("id");
			String peerId = ws.readFrame().text();
			ws.writeFrame(true, RawWebSocket.CLOSE, new byte[0], true);
			// Tomcat reports a Close frame without a code as 1000 (docs/websocket.md)
			int code = (Stack.current() == Stack.TOMCAT) ? 1000 : 1005;
			await().untilAsserted(() -> assertThat(entriesOf(peerId)).contains("close " + peerId + " " + code + " "));
		}
	}

	@Test
	void abruptDisconnectClosesWith1006AndRemovesThePeerFromPeersAndTopics() {
		TestWebSocket member = this.client.connect("/rooms/cleanup");
		assertThat(member.nextText()).isEqualTo("joined cleanup as [cleanup]");
		Peer peer = this.hub.peers("/rooms/{room}")
			.stream()
			.filter((candidate) -> candidate.topics().contains("cleanup"))
			.findFirst()
			.orElseThrow();
		member.abort();
		await().untilAsserted(() -> {
			assertThat(this.hub.peers()).doesNotContain(peer);
			assertThat(peer.websocket().readyState()).isEqualTo(WebSocketInfo.CLOSED);
		});
		TestWebSocket echo = this.client.connect("/_ws");
		String echoId = peerIdOf(echo);
		echo.abort();
		await().untilAsserted(() -> assertThat(entriesOf(echoId)).contains("close " + echoId + " 1006 "));
	}

	@Test
	void aHookThatThrowsReachesTheErrorHookAndTheConnectionStaysOpen() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("throw");
			assertThat(socket.nextText()).isEqualTo("error: boom");
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	@Test
	void serverCloseSendsQueuedMessagesThenTheCloseFrame() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("bye");
			assertThat(socket.nextText()).isEqualTo("closing");
			TestCloseStatus status = socket.awaitClose();
			assertThat(status.code()).isEqualTo(4000);
			assertThat(status.reason()).isEqualTo("bye");
		}
	}

	@Test
	void sendsBinaryJsonAndPublishersAndReadsJson() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.sendBinary(new byte[] { 1, 2, 3 });
			TestMessage binary = socket.next();
			assertThat(binary.binary()).isTrue();
			assertThat(binary.bytes()).containsExactly(1, 2, 3);
			socket.send("json");
			TestMessage json = socket.next();
			assertThat(json.binary()).isFalse();
			assertThat(json.text()).isEqualTo("{\"name\":\"hi\",\"count\":3}");
			socket.send("{\"name\":\"ada\",\"count\":1}");
			assertThat(socket.nextText()).isEqualTo("name=ada");
			socket.send("flux");
			assertThat(List.of(socket.nextText(), socket.nextText(), socket.nextText())).containsExactly("one", "two",
					"three");
		}
	}

	@Test
	void invalidJsonReachesTheErrorHook() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("{not json");
			assertThat(socket.nextText()).startsWith("error: Message is not valid JSON");
		}
	}

	@Test
	void fragmentedMessagesArriveAssembled() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.sendFrame(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("hel".getBytes())));
			socket.sendFrame(new ContinuationWebSocketFrame(false, 0, Unpooled.copiedBuffer("lo ".getBytes())));
			socket.sendFrame(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("world".getBytes())));
			assertThat(socket.nextText()).isEqualTo("hello world");
		}
	}

	@Test
	void pingsAreAnsweredWithTheirPayloadAndReachThePingHook() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			ws.sendText("id");
			String id = ws.readFrame().text();
			ws.writeFrame(true, RawWebSocket.PING, "are you there".getBytes(StandardCharsets.UTF_8), true);
			RawWebSocket.Frame pong = ws.readFrame();
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.text()).isEqualTo("are you there");
			if (!Stack.current().isServlet()) {
				// the servlet containers answer pings themselves and never hand them over
				// (docs/websocket.md)
				await().untilAsserted(() -> assertThat(entriesOf(id)).contains("ping " + id + " are you there"));
			}
		}
	}

	@Test
	void upgradeCanRejectWithStatusHeadersAndBodyAndNoPeerIsCreated() {
		this.http.get()
			.uri("/guarded")
			.headers(this::upgradeHeaders)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer")
			.expectBody(String.class)
			.isEqualTo("no token");
		assertThat(this.hub.peers("/guarded")).isEmpty();
	}

	@Test
	void upgradeCanRejectByThrowingH3Exception() {
		this.http.get()
			.uri("/guarded?token=bad")
			.headers(this::upgradeHeaders)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("X-Reason", "revoked")
			.expectBody(String.class)
			.isEqualTo("bad token");
	}

	@Test
	void upgradeCanAddHeadersCookiesSubprotocolContextAndNamespace() {
		try (TestWebSocket socket = this.client.connect("/guarded?token=ada&ns=lobby", (headers) -> {
		}, "chat.v1", "chat.v2")) {
			assertThat(socket.handshakeHeaders().get("X-Hello")).isEqualTo("world");
			assertThat(socket.handshakeHeaders().get("Set-Cookie")).isEqualTo("session=abc; Path=/");
			assertThat(socket.protocol()).isEqualTo("chat.v2");
			assertThat(socket.nextText())
				.isEqualTo("user=ada protocol=chat.v2 url=ws://localhost:" + this.port + "/guarded?token=ada&ns=lobby"
						+ " request=http://localhost:" + this.port + "/guarded?token=ada&ns=lobby");
			assertThat(this.hub.peers("lobby")).hasSize(1);
		}
	}

	@Test
	void pathParamsOfTheUpgradeRequestAreThePathVariables() {
		try (TestWebSocket socket = this.client.connect("/params/one/two")) {
			assertThat(socket.nextText()).isEqualTo("one {first=one, second=two} null true");
		}
		this.http.get()
			.uri("/params/refused/two")
			.headers(this::upgradeHeaders)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.isEqualTo("refused by path");
	}

	@Test
	void withoutAChoiceTheFirstOfferedSubprotocolIsSelected() {
		try (TestWebSocket socket = this.client.connect("/_ws", (headers) -> {
		}, "first", "second")) {
			assertThat(socket.protocol()).isEqualTo("first");
		}
	}

	@Test
	void malformedUpgradesGetTheStatusTheRfcAsksFor() throws IOException {
		RawHttp.Response post = RawHttp.exchange(this.port,
				"POST /_ws HTTP/1.1\r\n" + UPGRADE_HEADERS + "\r\n" + KEY_HEADER + "\r\nSec-WebSocket-Version: 13");
		assertThat(post.status()).isEqualTo(405);
		assertThat(post.header("Allow")).isEqualTo("GET");
		RawHttp.Response version = RawHttp.exchange(this.port,
				"GET /_ws HTTP/1.1\r\n" + UPGRADE_HEADERS + "\r\n" + KEY_HEADER + "\r\nSec-WebSocket-Version: 8");
		assertThat(version.status()).isEqualTo(426);
		assertThat(version.header("Sec-WebSocket-Version")).isEqualTo("13");
		RawHttp.Response noKey = RawHttp.exchange(this.port,
				"GET /_ws HTTP/1.1\r\n" + UPGRADE_HEADERS + "\r\nSec-WebSocket-Version: 13");
		assertThat(noKey.status()).isEqualTo(400);
		assertThat(noKey.body()).isEqualTo("Missing Sec-WebSocket-Key header");
	}

	@Test
	void plainHttpOnAHooksOnlyPathGets426() {
		this.http.get()
			.uri("/_ws")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UPGRADE_REQUIRED)
			.expectHeader()
			.valueEquals("Upgrade", "websocket")
			.expectBody(Void.class);
	}

	@Test
	void aBeanWithBothSidesServesHttpAndWebSocketOnOnePath() {
		this.http.get().uri("/both").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("http side");
		try (TestWebSocket socket = this.client.connect("/both")) {
			socket.send("hi");
			assertThat(socket.nextText()).isEqualTo("websocket side");
		}
	}

	@Test
	void peerPublishReachesTheOtherSubscribersOfItsNamespaceOnly() {
		TestWebSocket alice = joinRoom("a");
		TestWebSocket bob = joinRoom("a");
		TestWebSocket carol = joinRoom("b");
		try (alice; bob; carol) {
			alice.send("hello room a");
			assertThat(bob.nextText()).isEqualTo("hello room a");
			assertThat(alice.poll(Duration.ofMillis(200))).isNull();
			assertThat(carol.poll(Duration.ofMillis(50))).isNull();
		}
	}

	@Test
	void hubPublishReachesEverySubscriber() {
		TestWebSocket alice = joinRoom("news");
		TestWebSocket bob = joinRoom("news");
		try (alice; bob) {
			this.hub.publish("news", "extra");
			assertThat(alice.nextText()).isEqualTo("extra");
			assertThat(bob.nextText()).isEqualTo("extra");
			this.hub.publish("news", new byte[] { 9 });
			assertThat(alice.next().bytes()).containsExactly(9);
		}
	}

	@Test
	void peersListsTheOpenPeersOfTheNamespace() {
		String path = "/guarded?token=t&ns=peers-test";
		try (TestWebSocket first = this.client.connect(path); TestWebSocket second = this.client.connect(path)) {
			first.nextText();
			second.nextText();
			first.send("peers");
			assertThat(first.nextText()).isEqualTo("2");
			second.close();
			await().untilAsserted(() -> {
				first.send("peers");
				assertThat(first.nextText()).isEqualTo("1");
			});
		}
	}

	@Test
	void fiftyConcurrentClientsEachGetTheirMessagesBackInOrder() {
		List<CompletableFuture<List<String>>> results = new ArrayList<>();
		for (int client = 0; client < 50; client++) {
			int id = client;
			results.add(CompletableFuture.supplyAsync(() -> {
				try (TestWebSocket socket = this.client.connect("/_ws")) {
					List<String> sent = IntStream.range(0, 100).mapToObj((i) -> id + ":" + i).toList();
					sent.forEach(socket::send);
					return sent.stream().map((ignored) -> socket.nextText()).toList();
				}
			}));
		}
		for (int client = 0; client < 50; client++) {
			int id = client;
			assertThat(results.get(client).join())
				.containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> id + ":" + i).toList());
		}
	}

	@Test
	void reactiveHooksRunOneAtATimeInOrder() {
		try (TestWebSocket socket = this.client.connect("/reactive")) {
			IntStream.range(0, 50).forEach((i) -> socket.send(String.valueOf(i)));
			StepVerifier.create(socket.messages().map(TestMessage::text).take(51))
				.expectNext("opened")
				.expectNextSequence(IntStream.range(0, 50).mapToObj(String::valueOf).toList())
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void reactiveHookErrorsReachTheErrorHook() {
		try (TestWebSocket socket = this.client.connect("/reactive")) {
			assertThat(socket.nextText()).isEqualTo("opened");
			socket.send("fail");
			assertThat(socket.nextText()).isEqualTo("error: reactive failure");
			socket.send("still here");
			assertThat(socket.nextText()).isEqualTo("still here");
		}
	}

	@Test
	void blockingHandlersRunOffTheEventLoopInOrder() {
		try (TestWebSocket socket = this.client.connect("/blocking")) {
			IntStream.range(0, 20).forEach((i) -> socket.send(String.valueOf(i)));
			for (int i = 0; i < 20; i++) {
				String answer = socket.nextText();
				assertThat(answer).startsWith(i + " on ").doesNotContain("reactor-http");
			}
		}
	}

	@Test
	void eventHandlerReturnValuesBecomeResponses() {
		this.http.get()
			.uri("/http/text?name=ada")
			.exchange()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.isEqualTo("hello ada");
		this.http.get().uri("/http/json").exchange().expectBody().jsonPath("$.path").isEqualTo("/http/json");
		this.http.get()
			.uri("/http/bytes")
			.exchange()
			.expectHeader()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.expectBody(byte[].class)
			.isEqualTo(new byte[] { 1, 2, 3 });
		this.http.get().uri("/http/mono").exchange().expectBody(String.class).isEqualTo("later");
		this.http.get().uri("/http/flux").exchange().expectBody(String.class).isEqualTo("[\"a\",\"b\"]");
		this.http.get().uri("/http/empty").exchange().expectStatus().isNoContent().expectBody().isEmpty();
		this.http.post().uri("/http/echo").bodyValue("shout").exchange().expectBody(String.class).isEqualTo("SHOUT");
		this.http.get()
			.uri("/http/error")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.I_AM_A_TEAPOT)
			.expectHeader()
			.valueEquals("X-Teapot", "yes")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(418)
			.jsonPath("$.message")
			.isEqualTo("short and stout");
		this.http.delete().uri("/http/text").exchange().expectStatus().isNotFound().expectBody(Void.class);
	}

	private TestWebSocket joinRoom(String room) {
		TestWebSocket socket = this.client.connect("/rooms/" + room);
		assertThat(socket.nextText()).isEqualTo("joined " + room + " as [" + room + "]");
		return socket;
	}

	private String peerIdOf(TestWebSocket socket) {
		socket.send("id");
		return socket.nextText();
	}

	private List<String> entriesOf(String peerId) {
		return this.log.entries.stream().filter((entry) -> entry.contains(peerId)).toList();
	}

	private void upgradeHeaders(org.springframework.http.HttpHeaders headers) {
		headers.set("Upgrade", "websocket");
		headers.set("Connection", "Upgrade");
		headers.set("Sec-WebSocket-Key", KEY);
		headers.set("Sec-WebSocket-Version", "13");
	}

}
