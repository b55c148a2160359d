package io.github.h3spring.benchmarks.raw;

import java.util.Map;

import io.github.h3spring.autoconfigure.H3AutoConfiguration;
import io.github.h3spring.benchmarks.MemoryReport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * The reference: the benchmark endpoints written with plain Spring WebFlux as its
 * reference documentation teaches — a {@link WebSocketHandler} per path, one
 * {@link Sinks.Many} multicast for the broadcast, {@code Flux<ServerSentEvent>} for the
 * event stream. The starter's auto-configuration is excluded, so nothing of the starter
 * runs here; no component scan, so the Spring MVC reference beside it stays out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = H3AutoConfiguration.class)
public class RawWebFluxServer {

	/**
	 * Every publish, multicast to the subscribers present; a subscriber that cannot keep
	 * up misses messages.
	 */
	private final Sinks.Many<String> broadcast = Sinks.many().multicast().directBestEffort();

	@Bean
	HandlerMapping webSocketMapping() {
		return new SimpleUrlHandlerMapping(Map.of("/echo", echo(), "/fanout", fanout()), -1);
	}

	@Bean
	RouterFunction<ServerResponse> routes() {
		Flux<ServerSentEvent<String>> events = this.broadcast.asFlux()
			.map((data) -> ServerSentEvent.builder(data).build());
		return RouterFunctions.route()
			.GET("/sse",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_EVENT_STREAM)
						.body(events, ServerSentEvent.class))
			.GET("/_bench/memory", (request) -> ServerResponse.ok().bodyValue(MemoryReport.afterFullGc()))
			.build();
	}

	private WebSocketHandler echo() {
		return (session) -> session
			.send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
	}

	private WebSocketHandler fanout() {
		return (session) -> {
			if (session.getHandshakeInfo().getUri().getQuery() != null) {
				// a publisher: every message it sends goes to the subscribers
				return session.receive()
					.map(WebSocketMessage::getPayloadAsText)
					.doOnNext(this.broadcast::tryEmitNext)
					.then();
			}
			return session.send(this.broadcast.asFlux().map(session::textMessage));
		};
	}

}
