package io.github.h3spring.webmvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Exception;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.websocket.WebSocketHooks;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static io.github.h3spring.H3.createEventStream;

/**
 * Handlers for what is particular to Spring MVC: HTTP return values and body readers
 * through an MVC router function, {@code unwrap} to the servlet request, and an annotated
 * controller that takes an {@code H3Event} and returns an event stream.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class MvcTestApplication {

	@Bean
	@H3Handler(path = "/http/{kind}", method = { "GET", "POST" })
	EventHandler http() {
		return (event) -> switch (event.pathParam("kind")) {
			case "text" -> "hello " + event.query("name");
			case "json" -> Map.of("path", event.path());
			case "bytes" -> new byte[] { 1, 2, 3 };
			case "mono" -> Mono.just("later");
			case "future" -> CompletableFuture.supplyAsync(() -> Map.of("async", true));
			case "empty" -> null;
			case "empty-mono" -> Mono.empty();
			case "echo" -> event.bodyText().map(String::toUpperCase);
			case "error" -> throw H3Exception.of(418, "short and stout").header("X-Teapot", "yes");
			case "mono-error" -> Mono.error(H3Exception.of(409, "taken"));
			case "flux" -> Flux.just("a", "b");
			case "response" -> ServerResponse.accepted().header("X-Own", "yes").body("own");
			default -> throw H3Exception.of(404, "no such kind");
		};
	}

	@Bean
	@H3Handler("/body/{kind}")
	EventHandler body() {
		return (event) -> switch (event.pathParam("kind")) {
			case "bytes" -> event.bodyBytes();
			case "text" -> event.bodyText();
			case "json" -> event.body(Greeting.class).map((greeting) -> greeting.name() + " x" + greeting.count());
			case "list" -> event.body(new ParameterizedTypeReference<List<Greeting>>() {
			}).map(List::size);
			case "form" -> event.formData().map((form) -> form.toSingleValueMap());
			default -> throw H3Exception.of(404, "no such kind");
		};
	}

	@Bean
	@H3Handler("/rooms/{room}")
	EventHandler room() {
		return (event) -> "room " + event.pathParam("room");
	}

	@Bean
	@H3Handler("/rooms/lobby")
	EventHandler lobby() {
		return (event) -> "the lobby";
	}

	/** A stream that a {@code Mono} completes later, on another thread. */
	@Bean
	@H3Handler("/later-stream")
	EventHandler laterStream() {
		return (event) -> Mono.delay(Duration.ofMillis(50)).map((tick) -> {
			EventStream stream = createEventStream(event);
			stream.push("from a mono");
			stream.close();
			return stream;
		});
	}

	@Bean
	@H3Handler("/unwrap")
	EventHandler unwrap() {
		return (event) -> {
			HttpServletRequest servlet = event.unwrap(HttpServletRequest.class);
			ServerRequest request = event.unwrap(ServerRequest.class);
			String webFlux;
			try {
				event.exchange();
				webFlux = "served";
			}
			catch (UnsupportedOperationException ex) {
				webFlux = ex.getMessage();
			}
			String refused;
			try {
				event.unwrap(String.class);
				refused = "unwrapped";
			}
			catch (IllegalArgumentException ex) {
				refused = ex.getMessage();
			}
			return Map.of("servlet", servlet.getRequestURI(), "request", request.path(), "exchange", webFlux, "refused",
					refused, "query", event.queryParams());
		};
	}

	@Bean
	@H3Handler(path = "/blocking", blocking = true)
	EventHandler blocking() {
		return (event) -> Thread.currentThread().getName();
	}

	@Bean
	@H3Handler("/_ws")
	WebSocketHooks hooksOnly() {
		return new WebSocketHooks() {
		};
	}

	record Greeting(String name, int count) {
	}

	/**
	 * An annotated controller: an {@code H3Event} parameter, an {@code EventStream}
	 * returned.
	 */
	@RestController
	static class StreamController {

		final CompletableFuture<EventStream> opened = new CompletableFuture<>();

		@GetMapping("/controller")
		EventStream events(H3Event event) {
			EventStream stream = createEventStream(event);
			this.opened.complete(stream);
			return stream;
		}

		@PostMapping("/controller/echo")
		Mono<String> echo(H3Event event) {
			return event.bodyText().map((text) -> event.path() + " " + text);
		}

	}

}
