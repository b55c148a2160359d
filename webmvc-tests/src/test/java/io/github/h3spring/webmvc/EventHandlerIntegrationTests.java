package io.github.h3spring.webmvc;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The HTTP side of {@code @H3Handler}s on Spring MVC, asserted as on WebFlux: return
 * values, errors, the body readers and their limit, {@code 426} on a hooks-only path, and
 * {@code unwrap}.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.http.codecs.max-in-memory-size=1KB")
class EventHandlerIntegrationTests {

	private static final int LIMIT = 1024;

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void returnValuesBecomeTheResponsesTheyDoOnWebFlux() {
		this.http.get()
			.uri("/http/text?name=ada")
			.exchange()
			.expectHeader()
			.contentType("text/plain;charset=UTF-8")
			.expectBody(String.class)
			.isEqualTo("hello ada");
		this.http.get()
			.uri("/http/json")
			.exchange()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.isEqualTo("{\"path\":\"/http/json\"}");
		this.http.get()
			.uri("/http/bytes")
			.exchange()
			.expectHeader()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.expectBody(byte[].class)
			.isEqualTo(new byte[] { 1, 2, 3 });
		this.http.get().uri("/http/mono").exchange().expectBody(String.class).isEqualTo("later");
		this.http.get().uri("/http/future").exchange().expectBody(String.class).isEqualTo("{\"async\":true}");
		this.http.get().uri("/http/flux").exchange().expectBody(String.class).isEqualTo("[\"a\",\"b\"]");
		this.http.get().uri("/http/empty").exchange().expectStatus().isNoContent().expectBody().isEmpty();
		this.http.get().uri("/http/empty-mono").exchange().expectStatus().isNoContent().expectBody().isEmpty();
		this.http.get()
			.uri("/http/response")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.valueEquals("X-Own", "yes")
			.expectBody(String.class)
			.isEqualTo("own");
		this.http.post().uri("/http/echo").bodyValue("shout").exchange().expectBody(String.class).isEqualTo("SHOUT");
	}

	@Test
	void anH3ExceptionBecomesItsStatusHeadersAndBody() {
		this.http.get()
			.uri("/http/error")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.I_AM_A_TEAPOT)
			.expectHeader()
			.valueEquals("X-Teapot", "yes")
			.expectBody(String.class)
			.isEqualTo("{\"status\":418,\"statusText\":\"I'm a teapot\",\"message\":\"short and stout\"}");
		this.http.get()
			.uri("/http/mono-error")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("taken");
		this.http.get().uri("/http/nothing").exchange().expectStatus().isNotFound().expectBody(Void.class);
	}

	@Test
	void theMostSpecificPatternWinsWhateverTheOrderOfTheBeans() {
		this.http.get().uri("/rooms/lobby").exchange().expectBody(String.class).isEqualTo("the lobby");
		this.http.get().uri("/rooms/red").exchange().expectBody(String.class).isEqualTo("room red");
	}

	@Test
	void anEventStreamThatAMonoCompletesIsSent() {
		this.http.get()
			.uri("/later-stream")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/event-stream")
			.expectBody(String.class)
			.isEqualTo("data: from a mono\n\n");
	}

	@Test
	void theMethodFilterLeavesOtherMethodsUnmatched() {
		this.http.delete().uri("/http/text").exchange().expectStatus().isNotFound().expectBody(Void.class);
	}

	@Test
	void plainHttpOnAHooksOnlyPathGets426() {
		this.http.get()
			.uri("/_ws")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UPGRADE_REQUIRED)
			.expectHeader()
			.valueEquals("Upgrade", "websocket")
			.expectBody(String.class)
			.isEqualTo("This path only accepts WebSocket connections");
	}

	@Test
	void unwrapReturnsTheServletRequestAndWebFluxOnlyMethodsSaySo() {
		this.http.get()
			.uri("/unwrap?a=1&a=2&b=x+y")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.servlet")
			.isEqualTo("/unwrap")
			.jsonPath("$.request")
			.isEqualTo("/unwrap")
			.jsonPath("$.exchange")
			.value((String message) -> org.assertj.core.api.Assertions.assertThat(message)
				.contains("served by Spring MVC", "unwrap(HttpServletRequest.class)"))
			.jsonPath("$.refused")
			.value((String message) -> org.assertj.core.api.Assertions.assertThat(message)
				.contains("unwraps to HttpServletRequest", "not to java.lang.String"))
			.jsonPath("$.query.a")
			.isEqualTo(java.util.List.of("1", "2"))
			.jsonPath("$.query.b[0]")
			.isEqualTo("x y");
	}

	@Test
	void blockingHandlersRunOnTheServletThread() {
		this.http.get()
			.uri("/blocking")
			.exchange()
			.expectBody(String.class)
			.value((thread) -> org.assertj.core.api.Assertions.assertThat(thread).isNotBlank());
	}

	@Test
	void bodyReadersReadBytesTextJsonAndForms() {
		byte[] bytes = new byte[LIMIT];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		this.http.post()
			.uri("/body/bytes")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(bytes)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.isEqualTo(bytes);
		this.http.post()
			.uri("/body/text")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("héllo")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("héllo");
		this.http.post()
			.uri("/body/json")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"ada\",\"count\":3}")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("ada x3");
		this.http.post()
			.uri("/body/list")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}]")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("2");
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("who", "ada lovelace");
		form.add("what", "engine");
		this.http.post()
			.uri("/body/form?ignored=query")
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectBody(Map.class)
			.isEqualTo(Map.of("who", "ada lovelace", "what", "engine"));
		this.http.post().uri("/body/text").exchange().expectStatus().isNoContent().expectBody(Void.class);
	}

	@Test
	void bodiesBeyondTheLimitAnswer413AndTheServerKeepsServing() {
		this.http.post()
			.uri("/body/bytes")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[LIMIT + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody(Void.class);
		this.http.post()
			.uri("/body/text")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("x".repeat(LIMIT + 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody(Void.class);
		this.http.get().uri("/http/text?name=again").exchange().expectBody(String.class).isEqualTo("hello again");
	}

}
