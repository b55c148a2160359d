package io.github.h3spring.webmvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.h3spring.H3Exception;
import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import reactor.core.publisher.Flux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Handlers for the Spring MVC WebSocket tests: an echo with commands, a guarded path whose
 * upgrade hook decides from request headers, and a blocking handler.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class HooksApplication {

	@Bean
	EventLog eventLog() {
		return new EventLog();
	}

	@Bean
	@H3Handler("/_ws")
	Echo echo(EventLog log) {
		return new Echo(log);
	}

	@Bean
	@H3Handler(path = "/blocking", blocking = true)
	Echo blockingEcho(EventLog log) {
		return new Echo(log);
	}

	@Bean
	@H3Handler("/guarded/{room}")
	Guarded guarded(EventLog log) {
		return new Guarded(log);
	}

	/** What the hooks saw, in order. */
	static final class EventLog {

		final List<String> entries = new CopyOnWriteArrayList<>();

	}

	static class Echo implements WebSocketHooks {

		private final EventLog log;

		Echo(EventLog log) {
			this.log = log;
		}

		@Override
		public void open(Peer peer) {
			this.log.entries.add("open " + peer.id());
			peer.send("hello " + peer.id());
		}

		@Override
		public void message(Peer peer, Message message) {
			if (message.isBinary()) {
				peer.send(message.bytes());
				return;
			}
			String text = message.text();
			this.log.entries.add("message " + peer.id() + " " + text + " " + Thread.currentThread().getName());
			if (text.equals("json")) {
				peer.send(Map.of("answer", 42));
			}
			else if (text.equals("binary")) {
				peer.send("bytes".getBytes(StandardCharsets.UTF_8));
			}
			else if (text.equals("flux")) {
				peer.send(Flux.just("a", "b", "c"));
			}
			else if (text.startsWith("sub:")) {
				peer.subscribe(text.substring(4));
				peer.send("subscribed");
			}
			else if (text.startsWith("pub:")) {
				String[] parts = text.split(":", 3);
				peer.publish(parts[1], parts[2]);
			}
			else if (text.startsWith("flood:")) {
				String chunk = "x".repeat(16 * 1024);
				for (int i = 0; i < Integer.parseInt(text.substring(6)); i++) {
					peer.send(chunk);
				}
			}
			else if (text.equals("context")) {
				peer.send(peer.namespace() + " " + peer.context().get("user") + " " + peer.websocket().protocol());
			}
			else if (text.startsWith("sleep:")) {
				try {
					Thread.sleep(Long.parseLong(text.substring(6)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				peer.send("slept");
			}
			else if (text.equals("wait")) {
				peer.send("x".repeat(32 * 1024));
				peer.waitForDrain(Duration.ofSeconds(5))
					.subscribe(null, (ex) -> peer.send("not drained"), () -> peer.send("drained " + peer.bufferedAmount()));
			}
			else if (text.startsWith("query:")) {
				peer.send(String.valueOf(peer.request().queryParams().getFirst(text.substring(6))));
			}
			else if (text.equals("extensions")) {
				peer.send(String.join(",", peer.websocket().extensions()));
			}
			else if (text.equals("bye")) {
				peer.close(4000, "bye");
			}
			else {
				peer.send(text);
			}
		}

		@Override
		public void close(Peer peer, CloseEvent event) {
			this.log.entries.add("close " + peer.id() + " " + event.code() + " " + event.reason());
		}

	}

	static final class Guarded extends Echo {

		Guarded(EventLog log) {
			super(log);
		}

		@Override
		public UpgradeResponse upgrade(UpgradeRequest request) {
			if (request.headers().containsHeader("X-Reject")) {
				return UpgradeResponse.reject(401, "no token").header("X-Why", "token");
			}
			if (request.headers().containsHeader("X-Throw")) {
				throw H3Exception.of(409, "taken").header("X-Conflict", "yes");
			}
			request.context().put("user", request.headers().getFirst("X-User"));
			UpgradeResponse answer = UpgradeResponse.accept()
				.header("X-Extra", "yes")
				.namespace("room-" + request.pathVariables().get("room"));
			String protocol = request.headers().getFirst("X-Protocol");
			return (protocol != null) ? answer.protocol(protocol) : answer;
		}

	}

}
