package io.github.h3spring.actuate;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ObservedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "h3.websocket.send-buffer-limit=1KB", "management.endpoints.web.exposure.include=health,h3" })
class H3EndpointIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void endpointListsHandlersPeersByNamespaceTopicsAndTheBackplane() {
		H3TestClient client = H3TestClient.forPort(this.port);
		try (TestWebSocket first = client.connect("/rooms/endpoint");
				TestWebSocket second = client.connect("/rooms/endpoint");
				TestEventStream news = client.sse("/news")) {
			first.nextText();
			second.nextText();
			assertThat(news.nextData()).isEqualTo("subscribed");
			http().get()
				.uri("/actuator/h3")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.handlers[?(@.bean == 'rooms')].paths[0]")
				.isEqualTo("/rooms/{room}")
				.jsonPath("$.handlers[?(@.bean == 'rooms')].websocket")
				.isEqualTo(true)
				.jsonPath("$.handlers[?(@.bean == 'rooms')].http")
				.isEqualTo(false)
				.jsonPath("$.handlers[?(@.bean == 'news')].http")
				.isEqualTo(true)
				.jsonPath("$.handlers.length()")
				.isEqualTo(4)
				.jsonPath("$.websocket.namespaces['room:endpoint']")
				.isEqualTo(2)
				.jsonPath("$.topics.news")
				.isEqualTo(3)
				.jsonPath("$.sse.streams")
				.isEqualTo(1)
				.jsonPath("$.backplane.driver")
				.isEqualTo("none");
		}
	}

	@Test
	void healthIsExposedBeside() {
		http().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody(Void.class);
	}

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

}
