package io.github.h3spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The test client against a real server: WebSocket handlers, refused upgrades, and event
 * streams written byte by byte as a server may send them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = H3TestClientTests.StreamingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.webflux.base-path=/app")
@AutoConfigureH3TestClient
class H3TestClientTests {

	@Autowired
	H3TestClient client;

	@Autowired
	StreamingApplication application;

	@Test
	void injectedClientIsBoundToTheRunningServerAndItsBasePath() {
		assertThat(this.client.baseUrl()).matches("ws://localhost:\\d+/app");
		try (TestWebSocket socket = this.client.connect("/echo")) {
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("ping");
		}
	}

	@Test
	void webSocketsOfferCompressionAsBrowsersDoUnlessToldNotTo() {
		String large = "compressible ".repeat(2_000);
		try (TestWebSocket socket = this.client.connect("/echo")) {
			assertThat(socket.handshakeHeaders().get("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
			socket.send(large);
			assertThat(socket.nextText()).isEqualTo(large);
		}
		try (TestWebSocket socket = this.client.withoutCompression().connect("/echo")) {
			assertThat(socket.handshakeHeaders().get("Sec-WebSocket-Extensions")).isNull();
			socket.send(large);
			assertThat(socket.nextText()).isEqualTo(large);
		}
	}

	@Test
	void aRefusedUpgradeCarriesTheWholeRefusalAndLogsNoWarning(CapturedOutput output) {
		assertThatExceptionOfType(WebSocketRejectedException.class).isThrownBy(() -> this.client.connect("/guarded"))
			.satisfies((refusal) -> {
				assertThat(refusal.status()).isEqualTo(401);
				assertThat(refusal.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
				assertThat(refusal.body()).isEqualTo("token required");
				assertThat(refusal).hasMessage("WebSocket upgrade refused with HTTP 401: token required");
			});
		try (TestWebSocket socket = this.client.connect("/guarded", (headers) -> headers.set("X-Token", "t"))) {
			socket.send("after a refusal");
			assertThat(socket.nextText()).isEqualTo("after a refusal");
		}
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(output::getAll, (logged) -> !logged.contains("WARN") && !logged.contains("ERROR"));
	}

	@Test
	void eventsArriveParsedWithCommentsApartUntilTheServerEnds() {
		try (TestEventStream stream = this.client.sse("/events")) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.headers().get("Content-Type")).startsWith("text/event-stream");
			assertThat(stream.nextComment()).isEqualTo("hello");
			assertThat(stream.next()).isEqualTo(new TestServerSentEvent("1", "greeting", "hi\nthere", null));
			assertThat(stream.nextData()).isEqualTo("héllo");
			stream.awaitComplete();
			assertThat(stream.retry()).isEqualTo(Duration.ofSeconds(3));
			assertThat(stream.lastEventId()).isEqualTo("1");
		}
	}

	@Test
	void eventsCanBeVerifiedAsAFlux() {
		try (TestEventStream stream = this.client.sse("/events")) {
			StepVerifier.create(stream.events().map(TestServerSentEvent::data))
				.expectNext("hi\nthere", "héllo")
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void requestHeadersReachTheServer() {
		try (TestEventStream stream = this.client.sse("/last-event-id",
				(headers) -> headers.set("Last-Event-ID", "41"))) {
			assertThat(stream.nextData()).isEqualTo("resumed after 41");
		}
	}

	@Test
	void refusalsAreReportedByStatus() {
		try (TestEventStream stream = this.client.sse("/missing")) {
			assertThat(stream.status()).isEqualTo(404);
			stream.awaitComplete();
		}
	}

	@Test
	void closingDisconnectsFromTheServer() {
		this.application.endlessCancelled.set(false);
		TestEventStream stream = this.client.sse("/endless");
		assertThat(stream.nextData()).isEqualTo("0");
		stream.close();
		await().untilTrue(this.application.endlessCancelled);
		StepVerifier.create(stream.completion()).expectComplete().verify(Duration.ofSeconds(1));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StreamingApplication {

		final AtomicBoolean endlessCancelled = new AtomicBoolean();

		@Bean
		@H3Handler("/echo")
		WebSocketHooks echo() {
			return new WebSocketHooks() {
				@Override
				public void message(Peer peer, Message message) {
					peer.send(message.text());
				}
			};
		}

		@Bean
		@H3Handler("/guarded")
		WebSocketHooks guarded() {
			return new WebSocketHooks() {
				@Override
				public UpgradeResponse upgrade(UpgradeRequest request) {
					if (request.headers().getFirst("X-Token") == null) {
						return UpgradeResponse.reject(401, "token required").header("WWW-Authenticate", "Bearer");
					}
					return UpgradeResponse.accept();
				}

				@Override
				public void message(Peer peer, Message message) {
					peer.send(message.text());
				}
			};
		}

		@Bean
		RouterFunction<ServerResponse> streams() {
			return RouterFunctions.route()
				// split mid-line and between CR and LF, as a network may
				.GET("/events",
						(request) -> eventStream(
								Flux.just(": hello\r", "\nretry: 3000\n\nid: 1\nevent: greeting\ndata: hi\n",
										"data: there\n\ndata: hé", "llo\r\n\r", "\n")))
				.GET("/last-event-id",
						(request) -> eventStream(Flux
							.just("data: resumed after " + request.headers().firstHeader("Last-Event-ID") + "\n\n")))
				.GET("/endless",
						(request) -> eventStream(Flux.interval(Duration.ofMillis(50))
							.map((tick) -> "data: " + tick + "\n\n")
							.doOnCancel(() -> this.endlessCancelled.set(true))))
				.build();
		}

		private static Mono<ServerResponse> eventStream(Flux<String> chunks) {
			Flux<DataBuffer> body = chunks
				.map((chunk) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
			return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(body, DataBuffer.class);
		}

	}

}
