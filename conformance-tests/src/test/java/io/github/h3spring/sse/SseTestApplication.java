package io.github.h3spring.sse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

import static io.github.h3spring.H3.createEventStream;

/**
 * An application written only on the public API. Most streams are opened at {@code /sse}
 * under a name and then driven by the tests through {@link Streams}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SseTestApplication {

	@Bean
	Streams streams() {
		return new Streams();
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

	/**
	 * A stream driven by the test: {@code name} registers it, the other parameters set
	 * its options and topics.
	 */
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

	/** Publishes {@code topic:text} messages through {@code peer.publish}. */
	@Bean
	@H3Handler("/publisher")
	WebSocketHooks publisher() {
		return new WebSocketHooks() {
			@Override
			public void message(Peer peer, Message message) {
				String[] parts = message.text().split(":", 2);
				peer.publish(parts[0], parts[1]);
			}
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
		String replayKey = event.query("replayKey");
		if (replayKey != null) {
			options.replayKey(replayKey);
		}
		return options.build();
	}

	private static String orDefault(String value, String fallback) {
		return (value != null) ? value : fallback;
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

		EventStream[] all() {
			return this.streams.values().toArray(EventStream[]::new);
		}

		boolean has(String name) {
			return this.streams.containsKey(name);
		}

		Long closedAt(String name) {
			return this.closedAt.get(name);
		}

	}

}
