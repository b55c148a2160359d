package io.github.h3spring.sse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import static io.github.h3spring.H3.createEventStream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux's annotated controllers: {@code createEventStream(exchange)} and {@code flux()}
 * (the Spring MVC way, an {@code H3Event} parameter and the stream as the return value,
 * is tested in webmvc-tests).
 */
@SpringBootTest(classes = AnnotatedControllerStreamTests.ControllerApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
class AnnotatedControllerStreamTests {

	@LocalServerPort
	int port;

	@Autowired
	ControllerApplication.FluxController controller;

	@Test
	void annotatedControllersReturnTheFlux() throws Exception {
		try (TestEventStream stream = H3TestClient.forPort(this.port).sse("/controller")) {
			EventStream events = this.controller.opened.get(10, TimeUnit.SECONDS);
			events.push(EventStreamMessage.builder().id("7").event("tick").data("a\nb").build());
			events.pushComment("note");
			events.close();
			assertThat(stream.headers().get("content-type")).startsWith("text/event-stream");
			assertThat(stream.headers().get("x-accel-buffering")).isEqualTo("no");
			assertThat(stream.next())
				.extracting(TestServerSentEvent::id, TestServerSentEvent::event, TestServerSentEvent::data)
				.containsExactly("7", "tick", "a\nb");
			assertThat(stream.nextComment()).isEqualTo("note");
			stream.awaitComplete();
			assertThat(stream.error()).as("the response ended cleanly").isNull();
			// WebFlux's encoder: a blank line first so that the headers go out, no space
			// after colons
			assertThat(stream.body()).isEqualTo("\nid:7\nevent:tick\ndata:a\ndata:b\n\n:note\n\n");
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ControllerApplication.FluxController.class)
	static class ControllerApplication {

		@RestController
		static class FluxController {

			final CompletableFuture<EventStream> opened = new CompletableFuture<>();

			@GetMapping(path = "/controller", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
			Flux<ServerSentEvent<String>> events(ServerWebExchange exchange) {
				EventStream stream = createEventStream(exchange);
				this.opened.complete(stream);
				return stream.flux();
			}

		}

	}

}
