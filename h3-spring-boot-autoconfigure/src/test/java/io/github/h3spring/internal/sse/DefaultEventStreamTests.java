package io.github.h3spring.internal.sse;

import java.time.Duration;

import io.github.h3spring.H3;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The stream on its own, without a server or the auto-configuration: the exchange has no
 * application context.
 */
class DefaultEventStreamTests {

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/events").header("Last-Event-ID", "41"));

	@Test
	void withoutTheAutoConfigurationAStreamUsesTheDefaultsAndHasNoTopics() {
		EventStream stream = H3.createEventStream(this.exchange);
		assertThat(stream.lastEventId()).isEqualTo("41");
		assertThatIllegalStateException().isThrownBy(() -> stream.subscribe("news"))
			.withMessageContaining("needs the h3 auto-configuration");
	}

	@Test
	void theFluxEmitsThePushedEventsThenCompletes() {
		EventStream stream = H3.createEventStream(this.exchange);
		stream.push("one");
		stream.push(EventStreamMessage.builder().id("2").event("named").data("two").build());
		stream.close();
		StepVerifier.create(stream.flux())
			.assertNext((event) -> assertThat(event.data()).isNull())
			.assertNext((event) -> assertThat(event.data()).isEqualTo("one"))
			.assertNext((event) -> assertThat(event)
				.extracting(ServerSentEvent::id, ServerSentEvent::event, ServerSentEvent::data)
				.containsExactly("2", "named", "two"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.exchange.getResponse().getHeaders().getFirst("X-Accel-Buffering")).isEqualTo("no");
	}

	@Test
	void aSecondSubscriberIsRefused() {
		EventStream stream = H3.createEventStream(this.exchange);
		stream.close();
		StepVerifier.create(stream.flux()).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
		StepVerifier.create(stream.flux())
			.expectErrorMessage("This EventStream was already sent: call send() or flux() once per stream")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theResponseWaitsForDemand() {
		EventStream stream = H3.createEventStream(this.exchange);
		stream.push("a");
		stream.push("b");
		StepVerifier.create(stream.flux(), 0)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(2)
			.assertNext((event) -> assertThat(event.data()).isNull())
			.assertNext((event) -> assertThat(event.data()).isEqualTo("a"))
			.then(stream::close)
			.thenRequest(5)
			.assertNext((event) -> assertThat(event.data()).isEqualTo("b"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void sendIsTheResponseOfAFunctionalRoute() {
		HandlerFunction<ServerResponse> handler = (request) -> H3.createEventStream(request).send();
		RouterFunction<ServerResponse> route = RouterFunctions.route(RequestPredicates.GET("/events"),
				(request) -> H3.createEventStream(request).send());
		assertThat(route).isNotNull();
		ServerResponse response = handler.handle(MockServerRequest.builder().exchange(this.exchange).build())
			.block(Duration.ofSeconds(5));
		assertThat(response.headers().getContentType()).isEqualTo(MediaType.TEXT_EVENT_STREAM);
	}

	@Test
	void aSecondSendFails() {
		EventStream stream = H3.createEventStream(this.exchange);
		Mono<ServerResponse> first = stream.send();
		assertThat(first).isNotNull();
		StepVerifier.create(stream.<Mono<ServerResponse>>send())
			.expectErrorMessage("This EventStream was already sent: call send() or flux() once per stream")
			.verify(Duration.ofSeconds(5));
	}

}
