package io.github.h3spring.websocket;

import java.io.IOException;
import java.time.Duration;

import io.github.h3spring.internal.websocket.WebSocketShutdown;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.RawHttp;
import io.github.h3spring.test.RawWebSocket;
import io.github.h3spring.test.TestCloseStatus;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness, origin policy, connection limit, compression and shutdown, each on its own
 * application instance with the property under test.
 */
class WebSocketLimitsTests {

	private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13";

	private ConfigurableApplicationContext context;

	private int port;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aPeerThatAnswersNoPingIsDroppedAfterTheIdleTimeoutWith1006() throws IOException {
		// long enough that a loaded machine still pings half-way before the drop
		start("h3.websocket.idle-timeout=3s");
		try (RawWebSocket silent = RawWebSocket.connect(this.port, "/_ws")) {
			String id = peerId(silent);
			RawWebSocket.Frame ping = silent.readFrame();
			assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(log().entries).contains("close " + id + " 1006 "));
			assertThat(silent.isClosedByServer()).isTrue();
		}
	}

	@Test
	void aPeerThatAnswersPingsStaysConnectedPastTheIdleTimeout() {
		start("h3.websocket.idle-timeout=2s");
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> socket.closeStatus().toFuture().isDone(), (done) -> !done);
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	@Test
	void byDefaultAPageFromAnotherOriginIsRefusedAndNoPeerIsCreated() throws IOException {
		start();
		RawHttp.Response refused = RawHttp.exchange(this.port,
				"GET /_ws HTTP/1.1\r\n" + UPGRADE + "\r\nOrigin: https://evil.example.com");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo("Origin not allowed");
		assertThat(hub().peers()).isEmpty();
		assertThat(log().entries).isEmpty();
	}

	@Test
	void byDefaultSameOriginPagesAndClientsWithoutOriginAreAccepted() throws IOException {
		start();
		try (RawWebSocket sameOrigin = RawWebSocket.connect(this.port, "/_ws", "Origin: http://localhost:" + this.port);
				RawWebSocket noOrigin = RawWebSocket.connect(this.port, "/_ws")) {
			await().until(() -> hub().peers().size() == 2);
		}
	}

	@Test
	void configuredOriginPatternsAreAccepted() throws IOException {
		start("h3.websocket.allowed-origins=https://*.example.com");
		try (RawWebSocket allowed = RawWebSocket.connect(this.port, "/_ws", "Origin: https://app.example.com")) {
			await().until(() -> hub().peers().size() == 1);
		}
		RawHttp.Response refused = RawHttp.exchange(this.port,
				"GET /_ws HTTP/1.1\r\n" + UPGRADE + "\r\nOrigin: https://example.org");
		assertThat(refused.status()).isEqualTo(403);
	}

	@Test
	void upgradesBeyondMaxConnectionsAreRefusedWith503() throws IOException {
		start("h3.websocket.max-connections=2");
		try (RawWebSocket first = RawWebSocket.connect(this.port, "/_ws");
				RawWebSocket second = RawWebSocket.connect(this.port, "/_ws")) {
			await().until(() -> hub().peers().size() == 2);
			RawHttp.Response refused = RawHttp.exchange(this.port, "GET /_ws HTTP/1.1\r\n" + UPGRADE);
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.body()).isEqualTo("Too many WebSocket connections");
		}
		await().until(() -> hub().peers().isEmpty());
		try (RawWebSocket again = RawWebSocket.connect(this.port, "/_ws")) {
			await().until(() -> hub().peers().size() == 1);
		}
	}

	@Test
	void shutdownClosesPeersWith1001AndRefusesNewUpgrades() throws IOException {
		start();
		TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws");
		socket.send("id");
		String id = socket.nextText();
		this.context.getBean(WebSocketShutdown.class).stop();
		TestCloseStatus status = socket.awaitClose();
		assertThat(status.code()).isEqualTo(1001);
		assertThat(status.reason()).isEqualTo("going away");
		// stop() returns once the peers are gone; their close hooks run on their lanes
		await().untilAsserted(() -> assertThat(log().entries).contains("close " + id + " 1001 going away"));
		RawHttp.Response refused = RawHttp.exchange(this.port, "GET /_ws HTTP/1.1\r\n" + UPGRADE);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.body()).isEqualTo("Server is shutting down");
	}

	@Test
	void aRestartedContextAcceptsUpgradesAgain() {
		start();
		this.context.stop();
		this.context.start();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	@Test
	void closingTheApplicationClosesPeersWith1001() {
		start("server.shutdown=graceful");
		TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws");
		socket.send("id");
		String id = socket.nextText();
		HookTestApplication.EventLog log = log();
		this.context.close();
		assertThat(socket.awaitClose().code()).isEqualTo(1001);
		await().untilAsserted(() -> assertThat(log.entries).contains("close " + id + " 1001 going away"));
	}

	private String peerId(RawWebSocket ws) throws IOException {
		ws.sendText("id");
		return ws.readFrame().text();
	}

	@Test
	void compressionIsNegotiatedWhenOfferedUnlessTurnedOff() {
		start();
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			assertThat(socket.handshakeHeaders().get("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
		}
		this.context.close();
		start("h3.websocket.compression=false");
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			assertThat(socket.handshakeHeaders().get("Sec-WebSocket-Extensions")).isNull();
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(HookTestApplication.class).properties("server.port=0")
			.properties(properties)
			.run();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private WebSocketHub hub() {
		return this.context.getBean(WebSocketHub.class);
	}

	private HookTestApplication.EventLog log() {
		return this.context.getBean(HookTestApplication.EventLog.class);
	}

}
