package io.github.h3spring.conformance.deployment;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code server.ssl} with a key store: {@code wss://} sockets and {@code https://} event
 * streams, and what the handlers and the origin check see of the scheme.
 */
@SpringBootTest(classes = DeploymentApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TlsTests {

	@LocalServerPort
	int port;

	H3TestClient client;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> "file:" + DeploymentApplication.certificate().keyStore());
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-store-password", () -> DeploymentApplication.certificate().password());
	}

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forBaseUrl("wss://localhost:" + this.port)
			.trusting(DeploymentApplication.certificate().certificate());
	}

	@Test
	void aSecureSocketSeesHttpsAndWssUrls() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			String origin = "localhost:" + this.port + "/_ws";
			assertThat(socket.nextText()).isEqualTo("https://" + origin + " wss://" + origin);
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	@Test
	void thePageOfTheSecureOriginIsSameOriginAndThePlainOneIsNot() {
		String secure = "https://localhost:" + this.port;
		try (TestWebSocket socket = this.client.connect("/_ws", (headers) -> headers.set("Origin", secure))) {
			assertThat(socket.nextText()).startsWith(secure);
		}
		assertThatExceptionOfType(WebSocketRejectedException.class).isThrownBy(
				() -> this.client.connect("/_ws", (headers) -> headers.set("Origin", "http://localhost:" + this.port)))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
	}

	@Test
	void anEventStreamOverTlsSeesAnHttpsUrl() {
		try (TestEventStream stream = this.client.sse("/events")) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.nextData()).isEqualTo("https://localhost:" + this.port + "/events");
		}
	}

	@Test
	void aPlainConnectionToTheTlsPortGetsNoSocket() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> H3TestClient.forPort(this.port).connect("/_ws").close());
	}

}
