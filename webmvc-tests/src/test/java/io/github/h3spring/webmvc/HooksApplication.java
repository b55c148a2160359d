package io.github.h3spring.webmvc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Handlers for the Spring MVC WebSocket tests: an echo with commands, the same echo as a
 * blocking handler, and a path whose upgrade hook picks the subprotocol a header names.
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
			if (text.equals("thread")) {
				peer.send(Thread.currentThread().toString());
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
					.subscribe(null, (ex) -> peer.send("not drained"),
							() -> peer.send("drained " + peer.bufferedAmount()));
			}
			else if (text.startsWith("query:")) {
				peer.send(String.valueOf(peer.request().queryParams().getFirst(text.substring(6))));
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
			String protocol = request.headers().getFirst("X-Protocol");
			return (protocol != null) ? UpgradeResponse.accept().protocol(protocol) : null;
		}

	}

}
