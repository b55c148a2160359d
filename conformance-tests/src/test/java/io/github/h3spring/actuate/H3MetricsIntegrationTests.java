package io.github.h3spring.actuate;

import java.io.IOException;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.RawHttp;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = ObservedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "h3.websocket.send-buffer-limit=1KB", "management.endpoints.web.exposure.include=health,h3" })
class H3MetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	H3TestClient client;

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forPort(this.port);
	}

	@Test
	void messagesAndBytesAreCountedInBothDirections() {
		double messagesIn = counter("h3.websocket.messages", "echo", "direction", "in");
		double messagesOut = counter("h3.websocket.messages", "echo", "direction", "out");
		double bytesIn = counter("h3.websocket.bytes", "echo", "direction", "in");
		double bytesOut = counter("h3.websocket.bytes", "echo", "direction", "out");
		try (TestWebSocket socket = this.client.connect("/echo")) {
			socket.send("hello");
			assertThat(socket.nextText()).isEqualTo("hello");
			socket.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(socket.next().bytes()).containsExactly(1, 2, 3);
			socket.send("héllo");
			assertThat(socket.nextText()).isEqualTo("héllo");
		}
		assertThat(counter("h3.websocket.messages", "echo", "direction", "in")).isEqualTo(messagesIn + 3);
		assertThat(counter("h3.websocket.bytes", "echo", "direction", "in")).isEqualTo(bytesIn + 5 + 3 + 6);
		await().untilAsserted(() -> {
			assertThat(counter("h3.websocket.messages", "echo", "direction", "out")).isEqualTo(messagesOut + 3);
			assertThat(counter("h3.websocket.bytes", "echo", "direction", "out")).isEqualTo(bytesOut + 5 + 3 + 6);
		});
	}

	@Test
	void upgradesAreCountedByOutcomeAndReason() throws IOException {
		double accepted = upgrades("accepted", "none");
		double hook = upgrades("rejected", "hook");
		double hookError = upgrades("rejected", "hook-error");
		double subprotocol = upgrades("rejected", "subprotocol");
		double handshake = upgrades("rejected", "handshake");
		this.client.connect("/guarded?token=ok").close();
		assertRejected("/guarded", 401);
		assertRejected("/guarded?token=forbidden", 403);
		assertRejected("/guarded?token=broken", 500);
		assertRejected("/guarded?token=protocol", 500);
		RawHttp.Response noKey = RawHttp.exchange(this.port,
				"GET /guarded HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13");
		assertThat(noKey.status()).isEqualTo(400);
		assertThat(upgrades("accepted", "none")).isEqualTo(accepted + 1);
		assertThat(upgrades("rejected", "hook")).isEqualTo(hook + 2);
		assertThat(upgrades("rejected", "hook-error")).isEqualTo(hookError + 1);
		assertThat(upgrades("rejected", "subprotocol")).isEqualTo(subprotocol + 1);
		assertThat(upgrades("rejected", "handshake")).isEqualTo(handshake + 1);
	}

	@Test
	void openPeersAreGaugedPerNamespace() {
		TestWebSocket first = this.client.connect("/rooms/blue");
		TestWebSocket second = this.client.connect("/rooms/blue");
		TestWebSocket other = this.client.connect("/rooms/green");
		assertThat(first.nextText()).isEqualTo("joined room:blue");
		assertThat(second.nextText()).isEqualTo("joined room:blue");
		assertThat(other.nextText()).isEqualTo("joined room:green");
		assertThat(peers("room:blue")).isEqualTo(2);
		assertThat(peers("room:green")).isEqualTo(1);
		first.close();
		await().untilAsserted(() -> assertThat(peers("room:blue")).isEqualTo(1));
		second.close();
		other.close();
		await().untilAsserted(() -> assertThat(peers("room:blue") + peers("room:green")).isZero());
	}

	@Test
	void closeCodesAreCountedOncePerPeer() {
		double normal = closes("1000");
		double custom = closes("4xxx");
		double abnormal = closes("1006");
		this.client.connect("/echo").close();
		TestWebSocket custom4001 = this.client.connect("/echo");
		custom4001.close(4001, "done");
		custom4001.awaitClose();
		TestWebSocket dropped = this.client.connect("/echo");
		dropped.send("ping");
		assertThat(dropped.nextText()).isEqualTo("ping");
		dropped.abort();
		await().untilAsserted(() -> {
			assertThat(closes("1000")).isEqualTo(normal + 1);
			assertThat(closes("4xxx")).isEqualTo(custom + 1);
			assertThat(closes("1006")).isEqualTo(abnormal + 1);
		});
	}

	@Test
	void hookFailuresAndSendBufferOverflowsAreCounted() {
		double hookErrors = counter("h3.websocket.hook.errors", "echo");
		double overflows = counter("h3.websocket.send.overflows", "echo");
		try (TestWebSocket socket = this.client.connect("/echo")) {
			socket.send("throw");
			socket.send("still here");
			assertThat(socket.nextText()).isEqualTo("still here");
			assertThat(counter("h3.websocket.hook.errors", "echo")).isEqualTo(hookErrors + 1);
			socket.send("flood");
			assertThat(socket.awaitClose().code()).isEqualTo(1008);
		}
		assertThat(counter("h3.websocket.send.overflows", "echo")).isEqualTo(overflows + 1);
	}

	private void assertRejected(String path, int status) {
		assertThatExceptionOfType(WebSocketRejectedException.class).isThrownBy(() -> this.client.connect(path))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
	}

	private double upgrades(String outcome, String reason) {
		return counter("h3.websocket.upgrades", "guarded", "outcome", outcome, "reason", reason);
	}

	private double closes(String code) {
		return counter("h3.websocket.closes", "echo", "code", code);
	}

	private double counter(String name, String handler, String... tags) {
		Counter counter = this.registry.find(name).tag("handler", handler).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** The gauge of a namespace, 0 once it is gone with the namespace's last peer. */
	private double peers(String namespace) {
		Gauge gauge = this.registry.find("h3.websocket.peers").tag("namespace", namespace).gauge();
		return (gauge != null) ? gauge.value() : 0;
	}

}
