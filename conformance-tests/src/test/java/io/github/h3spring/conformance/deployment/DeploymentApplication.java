package io.github.h3spring.conformance.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;
import io.github.h3spring.test.TestCertificate;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

import static io.github.h3spring.H3.createEventStream;

/**
 * An application on the public API that tells its clients what the server saw: a
 * WebSocket at {@code /_ws} and event streams at {@code /events}, which the tests drive
 * through {@link Streams} and {@code WebSocketHub} publishes.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class DeploymentApplication {

	/**
	 * Where the tests' self-signed certificate is generated, below the module's target.
	 */
	static final Path CERTIFICATES = Path.of("target", "tls");

	static TestCertificate certificate() {
		return TestCertificate.generate(CERTIFICATES);
	}

	@Bean
	Streams streams() {
		return new Streams();
	}

	/**
	 * Sends the request's URL and the socket's on open; answers {@code ping} with
	 * {@code pong}.
	 */
	@Bean
	@H3Handler("/_ws")
	WebSocketHooks echo() {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				peer.send(peer.request().url() + " " + peer.websocket().url());
			}

			@Override
			public void message(Peer peer, Message message) {
				if (message.text().equals("ping")) {
					peer.send("pong");
				}
			}
		};
	}

	/**
	 * A stream that first pushes the URL of its request, then what is published to
	 * {@code topic} (default {@code ticks}); {@code keepAlive} and {@code limit} (bytes)
	 * set its heartbeat and send buffer.
	 */
	@Bean
	@H3Handler("/events")
	EventHandler events(Streams streams) {
		return (event) -> {
			EventStream stream = createEventStream(event, options(event));
			stream.push(event.url().toString());
			String topic = event.query("topic");
			stream.subscribe((topic != null) ? topic : "ticks");
			String name = event.query("name");
			if (name != null) {
				streams.register(name, stream);
			}
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
		return options.build();
	}

	/** The streams the handler created, by name. */
	static class Streams {

		private final Map<String, EventStream> streams = new ConcurrentHashMap<>();

		void register(String name, EventStream stream) {
			this.streams.put(name, stream);
		}

		EventStream get(String name) {
			EventStream stream = this.streams.get(name);
			if (stream == null) {
				throw new AssertionError("No stream named " + name);
			}
			return stream;
		}

	}

}
