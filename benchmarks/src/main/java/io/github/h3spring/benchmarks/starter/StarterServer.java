package io.github.h3spring.benchmarks.starter;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.benchmarks.MemoryReport;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The starter's benchmark server: the endpoints every benchmark server has, written on the
 * public API as an application would write them.
 * <ul>
 * <li>{@code /echo} — WebSocket, sends every text message back;</li>
 * <li>{@code /fanout} — WebSocket, peers subscribe to the {@code bench} topic; a peer that
 * connects with {@code ?publisher} publishes each message it sends to that topic;</li>
 * <li>{@code /sse} — Server-Sent Events of the {@code bench} topic;</li>
 * <li>{@code /_bench/memory} — runs a full GC and reports the live heap.</li>
 * </ul>
 * The {@code starter} command runs it on Spring WebFlux, {@code starter-mvc} on Spring MVC.
 */
@SpringBootApplication
public class StarterServer {

	static final String TOPIC = "bench";

	@H3Handler("/echo")
	static class Echo implements WebSocketHooks {

		@Override
		public void message(Peer peer, Message message) {
			peer.send(message.text());
		}

	}

	@H3Handler("/fanout")
	static class Fanout implements WebSocketHooks {

		@Override
		public void open(Peer peer) {
			if (!peer.request().queryParams().containsKey("publisher")) {
				peer.subscribe(TOPIC);
			}
		}

		@Override
		public void message(Peer peer, Message message) {
			peer.publish(TOPIC, message.text());
		}

	}

	@H3Handler("/sse")
	static class Broadcast implements EventHandler {

		@Override
		public Object handle(H3Event event) {
			EventStream stream = H3.createEventStream(event);
			stream.subscribe(TOPIC);
			return stream.send();
		}

	}

	@H3Handler("/_bench/memory")
	static class Memory implements EventHandler {

		@Override
		public Object handle(H3Event event) {
			return MemoryReport.afterFullGc();
		}

	}

}
