package io.github.h3spring.webmvc;

import java.io.IOException;
import java.time.Duration;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.RawWebSocket;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import io.github.h3spring.webmvc.HooksApplication.EventLog;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Liveness, the connection limit and shutdown on Spring MVC, each on its own application
 * instance with the property under test.
 */
class ServletWebSocketLimitsTests {

	private ConfigurableApplicationContext context;

	private int port;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aPeerThatAnswersNoPingIsPingedThenDroppedWith1006() throws IOException {
		start("h3.websocket.idle-timeout=3s");
		try (RawWebSocket silent = RawWebSocket.connect(this.port, "/_ws")) {
			String id = silent.readFrame().text().substring("hello ".length());
			RawWebSocket.Frame ping = silent.readFrame();
			assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(log().entries).contains("close " + id + " 1006 "));
			assertThat(this.context.getBean(WebSocketHub.class).peers()).isEmpty();
		}
	}

	@Test
	void aPeerThatAnswersPingsStaysConnectedPastTheIdleTimeout() {
		start("h3.websocket.idle-timeout=2s");
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			socket.nextText();
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> socket.closeStatus().toFuture().isDone(), (done) -> !done);
			socket.send("still");
			assertThat(socket.nextText()).isEqualTo("still");
		}
	}

	@Test
	void upgradesBeyondMaxConnectionsAreRefusedWith503() {
		start("h3.websocket.max-connections=1");
		try (TestWebSocket first = H3TestClient.forPort(this.port).connect("/_ws")) {
			first.nextText();
			assertThatExceptionOfType(WebSocketRejectedException.class)
				.isThrownBy(() -> H3TestClient.forPort(this.port).connect("/_ws"))
				.satisfies((ex) -> {
					assertThat(ex.status()).isEqualTo(503);
					assertThat(ex.body()).isEqualTo("Too many WebSocket connections");
				});
		}
	}

	@Test
	void compressionCanBeTurnedOff() {
		start("h3.websocket.compression=false");
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			socket.nextText();
			socket.send("extensions");
			assertThat(socket.nextText()).isEmpty();
		}
	}

	@Test
	void shutdownClosesPeersWith1001() {
		start();
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			socket.nextText();
			this.context.close();
			assertThat(socket.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1001);
		}
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(HooksApplication.class).properties("server.port=0")
			.properties(properties)
			.run();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private EventLog log() {
		return this.context.getBean(EventLog.class);
	}

}
