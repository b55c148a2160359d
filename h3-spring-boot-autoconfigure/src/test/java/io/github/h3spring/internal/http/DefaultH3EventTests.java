package io.github.h3spring.internal.http;

import java.util.Map;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The body readers of {@code H3Event} over a real socket, with the codecs' in-memory
 * limit set low.
 */
@SpringBootTest(classes = DefaultH3EventTests.BodyApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.http.codecs.max-in-memory-size=1KB")
class DefaultH3EventTests {

	private static final int LIMIT = 1024;

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void bodyBytesUpToTheLimitArriveWhole() {
		byte[] body = everyByteValue(LIMIT);
		this.http.post()
			.uri("/bytes")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.isEqualTo(body);
	}

	@Test
	void bodyBytesBeyondTheLimitAnswer413AndTheServerKeepsServing() {
		this.http.post()
			.uri("/bytes")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(everyByteValue(LIMIT + 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
		byte[] small = everyByteValue(300);
		this.http.post().uri("/bytes").bodyValue(small).exchange().expectBody(byte[].class).isEqualTo(small);
	}

	@Test
	void unwrapReturnsTheWebFluxRequestOrExchangeAndRefusesOtherTypes() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/unwrap"));
		ServerRequest request = MockServerRequest.builder().exchange(exchange).build();
		DefaultH3Event event = new DefaultH3Event(request);
		assertThat(event.unwrap(ServerRequest.class)).isSameAs(request);
		assertThat(event.unwrap(ServerWebExchange.class)).isSameAs(exchange);
		assertThat(event.unwrap(H3Event.class)).isSameAs(event);
		assertThat(event.request()).isSameAs(request);
		assertThatIllegalArgumentException().isThrownBy(() -> event.unwrap(String.class))
			.withMessageContaining("ServerWebExchange or ServerRequest, not to java.lang.String");
	}

	@Test
	void bodyTextBeyondTheLimitAnswersTheSame413() {
		this.http.post()
			.uri("/text")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("x".repeat(LIMIT + 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
		this.http.post()
			.uri("/text")
			.bodyValue("x".repeat(LIMIT))
			.exchange()
			.expectBody(String.class)
			.isEqualTo("1024");
	}

	@Test
	void jsonBodyBeyondTheLimitAnswersTheSame413() {
		this.http.post()
			.uri("/json")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"" + "x".repeat(LIMIT) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void formDataBeyondTheLimitAnswersTheSame413() {
		this.http.post()
			.uri("/form")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("field=" + "x".repeat(LIMIT))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	private static byte[] everyByteValue(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BodyApplication {

		@Bean
		@H3Handler(path = "/bytes", method = "POST")
		EventHandler bytes() {
			return (event) -> event.bodyBytes();
		}

		@Bean
		@H3Handler(path = "/text", method = "POST")
		EventHandler text() {
			return (event) -> event.bodyText().map((text) -> String.valueOf(text.length()));
		}

		@Bean
		@H3Handler(path = "/form", method = "POST")
		EventHandler form() {
			return (event) -> event.formData().map(Map::size);
		}

		@Bean
		@H3Handler(path = "/json", method = "POST")
		EventHandler json() {
			return (event) -> event.body(Map.class).map(Map::size);
		}

	}

}
