package io.github.h3spring.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SecuredHandlerTests {

	@LocalServerPort
	int port;

	@Autowired
	WebSocketHub hub;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theApplicationRunsOnTheStackOfThisModule() {
		// h3.stack: webflux here, tomcat and jetty in the modules that compile these
		// tests for Spring MVC
		String stack = System.getProperty("h3.stack", "webflux");
		String server = this.context.getWebServer().getClass().getSimpleName();
		assertThat(server).containsIgnoringCase(stack.equals("webflux") ? "Netty" : stack);
	}

	@Test
	void anUpgradeWithoutCredentialsIsRefusedWith401AndNoPeer() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/secure/ws")
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "13")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(Void.class);
		assertThat(this.hub.peers()).isEmpty();
	}

	@Test
	void theAuthenticatedPrincipalIsOnTheUpgradeRequestAndThePeer() {
		String basic = "Basic " + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));
		try (TestWebSocket socket = H3TestClient.forPort(this.port)
			.connect("/secure/ws", (headers) -> headers.set("Authorization", basic))) {
			assertThat(socket.nextText()).isEqualTo("hello ada");
			assertThat(this.hub.peers()).singleElement()
				.satisfies((peer) -> assertThat(peer.request().principal().getName()).isEqualTo("ada"));
		}
	}

	@Test
	void aPermittedPathSeesNoPrincipal() {
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/public/ws")) {
			assertThat(socket.nextText()).isEqualTo("hello anonymous");
		}
	}

}
