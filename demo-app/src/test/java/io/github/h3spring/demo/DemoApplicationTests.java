package io.github.h3spring.demo;

import io.github.h3spring.test.AutoConfigureH3TestClient;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureH3TestClient
class DemoApplicationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	H3TestClient client;

	@Test
	void echoSocketAnswersPingWithPong() {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	@Test
	void chatMessagesReachEveryOtherPeerAndJoinsAndLeavesAreAnnounced() {
		try (TestWebSocket alice = this.client.connect("/chat")) {
			assertThat(alice.nextText()).startsWith("Welcome!");
			TestWebSocket bob = this.client.connect("/chat");
			assertThat(bob.nextText()).startsWith("Welcome!");
			assertThat(alice.nextText()).endsWith("joined");
			bob.send("hello");
			assertThat(alice.nextText()).endsWith("] hello");
			bob.close();
			assertThat(alice.nextText()).endsWith("left");
		}
	}

	@Test
	void pageIsServedAtTheRoot() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("id=\"chat-input\"", "id=\"sse-log\""));
	}

	@Test
	void actuatorExposesHealthAndTheH3EndpointOnTheManagementPortOnly() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/actuator/h3")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class);
		// the management server listens on the loopback address only (application.yml)
		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
		http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		http.get()
			.uri("/actuator/h3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.handlers[*].paths[0]")
			.value((paths) -> assertThat(paths.toString()).contains("/chat", "/_ws"));
	}

}
