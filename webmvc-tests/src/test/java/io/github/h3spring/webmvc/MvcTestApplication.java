package io.github.h3spring.webmvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Exception;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import io.github.h3spring.websocket.WebSocketHooks;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static io.github.h3spring.H3.createEventStream;

/**
 * The handlers of the WebFlux test applications, unchanged, on Spring MVC: the HTTP return
 * values, the body readers and the event streams, which the tests drive through
 * {@link Streams}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class MvcTestApplication {

	@Bean
	Streams streams() {
		return new Streams();
	}

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
			return Map.of("servlet", servlet.getRequestURI(), "request", request.path(), "exchange", webFlux,
					"refused", refused, "query", event.queryParams());
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

	/** h3's example, with the interval as a query parameter. */
	@Bean
	@H3Handler("/hello")
	EventHandler hello(Streams streams) {
		return (event) -> {
			EventStream stream = createEventStream(event);
			long every = Long.parseLong(orDefault(event.query("every"), "1000"));
			Disposable ticks = Flux.interval(Duration.ofMillis(every)).subscribe((i) -> stream.push("Hello world"));
			stream.onClosed(() -> {
				ticks.dispose();
				stream.close();
			});
			streams.register(orDefault(event.query("name"), "hello"), stream);
			return stream.send();
		};
	}

	/** A stream driven by the test, as the WebFlux tests' {@code /sse}. */
	@Bean
	@H3Handler("/sse")
	EventHandler driven(Streams streams) {
		return (event) -> {
			EventStream stream = createEventStream(event, options(event));
			streams.register(event.query("name"), stream);
			String topics = event.query("topics");
			if (topics != null) {
				stream.subscribe(List.of(topics.split(",")));
			}
			return "object".equals(event.query("return")) ? stream : stream.send();
		};
	}

	/** Pushes before {@code send()}, then closes, then returns the response. */
	@Bean
	@H3Handler("/prepared")
	EventHandler prepared() {
		return (event) -> {
			EventStream stream = createEventStream(event);
			int count = Integer.parseInt(orDefault(event.query("count"), "3"));
			for (int i = 1; i <= count; i++) {
				stream.push("event " + i);
			}
			stream.close();
			stream.push("after close");
			return stream.send();
		};
	}

	private static EventStreamOptions options(H3Event event) {
		EventStreamOptions.Builder options = EventStreamOptions.builder();
		String keepAlive = event.query("keepAlive");
		options.keepAlive((keepAlive != null) ? Duration.ofMillis(Long.parseLong(keepAlive)) : Duration.ZERO);
		String limit = event.query("limit");
		if (limit != null) {
			options.sendBufferLimit(DataSize.ofBytes(Long.parseLong(limit)));
		}
		String retry = event.query("retry");
		if (retry != null) {
			options.retry(Duration.ofMillis(Long.parseLong(retry)));
		}
		return options.build();
	}

	private static String orDefault(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	record Greeting(String name, int count) {
	}

	/** An annotated controller: an {@code H3Event} parameter, an {@code EventStream} returned. */
	@RestController
	static class StreamController {

		private final Streams streams;

		StreamController(Streams streams) {
			this.streams = streams;
		}

		@GetMapping("/controller")
		EventStream events(H3Event event, @RequestParam String name) {
			EventStream stream = createEventStream(event);
			this.streams.register(name, stream);
			return stream;
		}

		@PostMapping("/controller/echo")
		Mono<String> echo(H3Event event) {
			return event.bodyText().map((text) -> event.path() + " " + text);
		}

	}

	/** The streams the handlers created, by name, and when each closed. */
	static class Streams {

		private final Map<String, EventStream> streams = new ConcurrentHashMap<>();

		private final Map<String, Long> closedAt = new ConcurrentHashMap<>();

		void register(String name, EventStream stream) {
			if (name != null) {
				this.streams.put(name, stream);
				stream.onClosed(() -> this.closedAt.put(name, System.nanoTime()));
			}
		}

		EventStream get(String name) {
			EventStream stream = this.streams.get(name);
			if (stream == null) {
				throw new AssertionError("No stream named " + name);
			}
			return stream;
		}

		boolean has(String name) {
			return this.streams.containsKey(name);
		}

		Long closedAt(String name) {
			return this.closedAt.get(name);
		}

	}

}
