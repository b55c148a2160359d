package io.github.h3spring.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Exception;
import io.github.h3spring.H3Handler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application written only on the public API, with one handler per behaviour under
 * test.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class HookTestApplication {

	@Bean
	EventLog eventLog() {
		return new EventLog();
	}

	@Bean
	@H3Handler("/_ws")
	EchoHooks echo(EventLog log) {
		return new EchoHooks(log);
	}

	@Bean
	@H3Handler("/guarded")
	WebSocketHooks guarded(EventLog log) {
		return new WebSocketHooks() {
			@Override
			public UpgradeResponse upgrade(UpgradeRequest request) {
				String token = request.queryParams().getFirst("token");
				if (token == null) {
					return UpgradeResponse.reject(401, "no token").header("WWW-Authenticate", "Bearer");
				}
				if (token.equals("bad")) {
					throw H3Exception.of(403, "bad token").header("X-Reason", "revoked");
				}
				request.context().put("user", token);
				UpgradeResponse accept = UpgradeResponse.accept()
					.header("X-Hello", "world")
					.header("Set-Cookie", "session=abc; Path=/");
				if (request.headers().getValuesAsList("Sec-WebSocket-Protocol").contains("chat.v2")) {
					accept.protocol("chat.v2");
				}
				String namespace = request.queryParams().getFirst("ns");
				return (namespace != null) ? accept.namespace(namespace) : accept;
			}

			@Override
			public void message(Peer peer, Message message) {
				peer.send(String.valueOf(peer.peers().size()));
			}

			@Override
			public void open(Peer peer) {
				log.add("guarded-open " + peer.namespace());
				peer.send("user=" + peer.context().get("user") + " protocol=" + peer.websocket().protocol() + " url="
						+ peer.websocket().url() + " request=" + peer.request().url());
			}
		};
	}

	@Bean
	@H3Handler("/rooms/{room}")
	WebSocketHooks rooms() {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				String room = peer.request().pathVariables().get("room");
				peer.subscribe(room);
				peer.send("joined " + room + " as " + peer.topics());
			}

			@Override
			public void message(Peer peer, Message message) {
				peer.publish(peer.request().pathVariables().get("room"), message.text());
			}
		};
	}

	@Bean
	@H3Handler("/params/{first}/{second}")
	WebSocketHooks params() {
		return new WebSocketHooks() {
			@Override
			public UpgradeResponse upgrade(UpgradeRequest request) {
				if ("refused".equals(request.pathParam("first"))) {
					return UpgradeResponse.reject(403, "refused by path");
				}
				return UpgradeResponse.accept();
			}

			@Override
			public void open(Peer peer) {
				UpgradeRequest request = peer.request();
				peer.send(request.pathParam("first") + " " + new TreeMap<>(request.pathParams()) + " "
						+ request.pathParam("missing") + " " + request.pathVariables().equals(request.pathParams()));
			}
		};
	}

	@Bean
	@H3Handler("/both")
	BothSides both() {
		return new BothSides();
	}

	@Bean
	@H3Handler(path = "/reactive")
	ReactiveWebSocketHooks reactive(EventLog log) {
		return new ReactiveWebSocketHooks() {
			@Override
			public Mono<Void> open(Peer peer) {
				return Mono.delay(Duration.ofMillis(50)).then(Mono.fromRunnable(() -> peer.send("opened")));
			}

			@Override
			public Mono<Void> message(Peer peer, Message message) {
				if (message.text().equals("fail")) {
					return Mono.error(new IllegalStateException("reactive failure"));
				}
				Duration delay = Duration.ofMillis(ThreadLocalRandom.current().nextInt(5));
				return Mono.delay(delay).then(Mono.fromRunnable(() -> peer.send(message.text())));
			}

			@Override
			public Mono<Void> error(Peer peer, Throwable error) {
				return Mono.fromRunnable(() -> peer.send("error: " + error.getMessage()));
			}
		};
	}

	@Bean
	@H3Handler("/flood")
	WebSocketHooks flood(EventLog log) {
		return new WebSocketHooks() {
			@Override
			public void message(Peer peer, Message message) {
				byte[] chunk = new byte[64 * 1024];
				int count = Integer.parseInt(message.text());
				for (int i = 0; i < count; i++) {
					peer.send(chunk);
				}
				log.add("flooded " + peer.id() + " buffered " + peer.bufferedAmount());
			}

			@Override
			public void close(Peer peer, CloseEvent event) {
				log.add("flood-close " + peer.id() + " " + event.code() + " " + event.reason());
			}
		};
	}

	@Bean
	@H3Handler("/stall")
	ReactiveWebSocketHooks stall() {
		return new ReactiveWebSocketHooks() {
			@Override
			public Mono<Void> message(Peer peer, Message message) {
				return message.text().equals("stall") ? Mono.never()
						: Mono.fromRunnable(() -> peer.send(message.text()));
			}
		};
	}

	/** A blocking handler whose message hook takes its time while other hooks are due. */
	@Bean
	@H3Handler(path = "/lane", blocking = true)
	WebSocketHooks lane(EventLog log) {
		return new WebSocketHooks() {
			@Override
			public void message(Peer peer, Message message) {
				log.add("lane-start " + peer.id());
				switch (message.text()) {
					// more than half the send buffer (1 MB) in one message: the drain
					// hook is due
					case "flood" -> peer.send(new byte[600 * 1024]);
					case "failing-publisher" -> peer.send(Flux.error(new IllegalStateException("no data")));
					default -> {
					}
				}
				try {
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				log.add("lane-end " + peer.id());
			}

			@Override
			public void drain(Peer peer) {
				log.add("lane-drain " + peer.id());
			}

			@Override
			public void error(Peer peer, Throwable error) {
				log.add("lane-error " + peer.id() + " " + error.getMessage());
			}

			@Override
			public void close(Peer peer, CloseEvent event) {
				log.add("lane-close " + peer.id() + " " + event.code());
			}
		};
	}

	/**
	 * Holds its event loop in a message hook, as a handler that blocks by mistake would.
	 */
	@Bean
	@H3Handler("/sleepy")
	WebSocketHooks sleepy(EventLog log) {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				peer.subscribe("sleepy");
			}

			@Override
			public void message(Peer peer, Message message) {
				log.add("sleeping " + peer.id());
				try {
					Thread.sleep(Long.parseLong(message.text()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
	}

	@Bean
	@H3Handler(path = "/blocking", blocking = true)
	WebSocketHooks blocking() {
		return new WebSocketHooks() {
			@Override
			public void message(Peer peer, Message message) {
				peer.send(message.text() + " on " + Thread.currentThread().getName());
			}
		};
	}

	@Bean
	@H3Handler(path = "/http/{kind}", method = { "GET", "POST" })
	EventHandler http() {
		return (event) -> switch (event.pathParam("kind")) {
			case "text" -> "hello " + event.query("name");
			case "json" -> Map.of("path", event.path());
			case "bytes" -> new byte[] { 1, 2, 3 };
			case "mono" -> Mono.just("later");
			case "empty" -> null;
			case "echo" -> event.bodyText().map(String::toUpperCase);
			case "error" -> throw H3Exception.of(418, "short and stout").header("X-Teapot", "yes");
			case "flux" -> Flux.just("a", "b");
			default -> throw H3Exception.of(404, "no such kind");
		};
	}

	/** Records hook calls for assertions. */
	static class EventLog {

		final List<String> entries = new CopyOnWriteArrayList<>();

		void add(String entry) {
			this.entries.add(entry);
		}

	}

	/** The seed example, instrumented. */
	static class EchoHooks implements WebSocketHooks {

		private final EventLog log;

		EchoHooks(EventLog log) {
			this.log = log;
		}

		@Override
		public void open(Peer peer) {
			this.log.add("open " + peer.id());
		}

		@Override
		public void message(Peer peer, Message message) {
			this.log.add("message " + peer.id() + " " + (message.isBinary() ? "binary" : message.text()));
			if (message.isBinary()) {
				peer.send(message.bytes());
				return;
			}
			String text = message.text();
			switch (text) {
				case "ping" -> peer.send("pong");
				case "json" -> peer.send(new Greeting("hi", 3));
				case "parse" -> peer.send(message.json(Object.class).toString());
				case "flux" -> peer.send(Flux.just("one", "two", "three"));
				case "throw" -> throw new IllegalStateException("boom");
				case "bye" -> {
					peer.send("closing");
					peer.close(4000, "bye");
				}
				case "peers" -> peer.send(String.valueOf(peer.peers().size()));
				case "id" -> peer.send(peer.id());
				default -> {
					if (text.startsWith("{")) {
						peer.send("name=" + message.json(Greeting.class).name());
					}
					else {
						peer.send(text);
					}
				}
			}
		}

		@Override
		public void close(Peer peer, CloseEvent event) {
			this.log.add("close " + peer.id() + " " + event.code() + " " + event.reason());
		}

		@Override
		public void error(Peer peer, Throwable error) {
			this.log.add("error " + peer.id() + " " + error.getMessage());
			peer.send("error: " + error.getMessage());
		}

		@Override
		public void ping(Peer peer, byte[] data) {
			this.log.add("ping " + peer.id() + " " + new String(data));
		}

	}

	record Greeting(String name, int count) {
	}

	static class BothSides implements EventHandler, WebSocketHooks {

		@Override
		public Object handle(H3Event event) {
			return "http side";
		}

		@Override
		public void message(Peer peer, Message message) {
			peer.send("websocket side");
		}

	}

}
