package io.github.h3spring.interop;

import java.util.List;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import io.github.h3spring.websocket.WebSocketHub;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the independent clients talk to, written only on the public API.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class InteropApplication {

	/** Code and reason of every close the server starts. */
	static final int ROOM_CLOSED = 4001;

	@Bean
	@H3Handler("/echo")
	WebSocketHooks echo() {
		return new WebSocketHooks() {
			@Override
			public void message(Peer peer, Message message) {
				if (message.text().equals("close")) {
					peer.send("one");
					peer.send("two");
					peer.close(4000, "bye");
				}
				else {
					peer.send(message.text());
				}
			}
		};
	}

	@Bean
	@H3Handler("/room/{room}")
	WebSocketHooks room() {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				peer.subscribe(peer.request().pathVariables().get("room"));
				peer.send("joined");
			}
		};
	}

	/**
	 * "Announce, then close the room", as a controller would: off the event loop, a
	 * publish to the room's topic followed at once by a close of each of its peers.
	 */
	@Bean
	@H3Handler(path = "/announce/{room}", method = "POST")
	EventHandler announce(WebSocketHub hub) {
		return (event) -> Mono.fromCallable(() -> {
			String room = event.pathParam("room");
			List<Peer> members = hub.peers("/room/{room}")
				.stream()
				.filter((peer) -> peer.topics().contains(room))
				.toList();
			hub.publish(room, "announce " + room);
			members.forEach((peer) -> peer.close(ROOM_CLOSED, "room closed"));
			return "closed " + members.size();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** A same-origin page for the browser to open sockets from. */
	@Bean
	@H3Handler(path = "/page", method = "GET")
	EventHandler page() {
		return (event) -> "interop";
	}

}
