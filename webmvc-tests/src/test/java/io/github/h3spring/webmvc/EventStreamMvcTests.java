package io.github.h3spring.webmvc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamMessage;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC's annotated controllers: an {@code H3Event} parameter and the stream as the
 * return value (WebFlux's {@code createEventStream(exchange)} and {@code flux()} are
 * tested in h3-spring-boot-autoconfigure; what every stack shares, in conformance-tests).
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class EventStreamMvcTests {

	@LocalServerPort
	int port;

	@Autowired
	MvcTestApplication.StreamController controller;

	@Test
	void annotatedControllersTakeAnH3EventAndReturnTheStream() throws Exception {
		try (TestEventStream stream = H3TestClient.forPort(this.port).sse("/controller")) {
			EventStream events = this.controller.opened.get(10, TimeUnit.SECONDS);
			events.push(EventStreamMessage.builder().id("7").event("tick").data("a\nb").build());
			events.pushComment("note");
			events.close();
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			assertThat(stream.headers().get("x-accel-buffering")).isEqualTo("no");
			stream.awaitComplete();
			assertThat(stream.error()).as("the response ended cleanly").isNull();
			// the stream's own encoder, the same bytes as from an EventHandler
			assertThat(stream.body()).isEqualTo("id: 7\nevent: tick\ndata: a\ndata: b\n\n: note\n\n");
		}
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build()
			.post()
			.uri("/controller/echo")
			.bodyValue("body")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("/controller/echo body");
	}

}
