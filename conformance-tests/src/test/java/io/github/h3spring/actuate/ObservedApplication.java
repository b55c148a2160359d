package io.github.h3spring.actuate;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3;
import io.github.h3spring.H3Exception;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application whose handlers exercise every meter and what {@code /actuator/h3} shows.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ObservedApplication {

	/** Larger than the send buffer limit the tests set. */
	static final String FLOOD = "x".repeat(4096);

	@Bean
	@H3Handler("/echo")
	WebSocketHooks echo() {
		return new WebSocketHooks() {
			@Override
			public void message(Peer peer, Message message) {
				switch (message.text()) {
					case "throw" -> throw new IllegalStateException("hook failure on purpose");
					case "flood" -> peer.send(FLOOD);
					default -> peer.send(message.text());
				}
			}
		};
	}

	@Bean
	@H3Handler("/guarded")
	WebSocketHooks guarded() {
		return new WebSocketHooks() {
			@Override
			public UpgradeResponse upgrade(UpgradeRequest request) {
				String token = String.valueOf(request.queryParams().getFirst("token"));
				return switch (token) {
					case "ok" -> UpgradeResponse.accept();
					case "forbidden" -> throw H3Exception.of(403, "forbidden");
					case "broken" -> throw new IllegalStateException("upgrade hook failure on purpose");
					case "protocol" -> UpgradeResponse.accept().protocol("never-offered");
					default -> UpgradeResponse.reject(401, "no token");
				};
			}
		};
	}

	@Bean
	@H3Handler("/news")
	EventHandler news() {
		return (event) -> {
			EventStream stream = H3.createEventStream(event);
			stream.subscribe("news");
			stream.push("subscribed");
			return stream.send();
		};
	}

	@Bean
	@H3Handler("/rooms/{room}")
	WebSocketHooks rooms() {
		return new WebSocketHooks() {
			@Override
			public UpgradeResponse upgrade(UpgradeRequest request) {
				return UpgradeResponse.accept().namespace("room:" + request.pathVariables().get("room"));
			}

			@Override
			public void open(Peer peer) {
				peer.subscribe("news");
				peer.send("joined " + peer.namespace());
			}
		};
	}

}
