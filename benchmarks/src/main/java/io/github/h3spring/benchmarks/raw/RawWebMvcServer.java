package io.github.h3spring.benchmarks.raw;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.autoconfigure.H3AutoConfiguration;
import io.github.h3spring.benchmarks.MemoryReport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The servlet reference: the benchmark endpoints written with plain Spring MVC and
 * spring-websocket on Tomcat as their reference documentation teaches — a
 * {@link TextWebSocketHandler} per path, subscribers wrapped in a
 * {@link ConcurrentWebSocketSessionDecorator} because the publisher's thread sends to
 * them, an {@link SseEmitter} per event stream. The starter's auto-configuration is
 * excluded, so nothing of the starter runs here; no component scan, so the WebFlux
 * reference beside it stays out.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = H3AutoConfiguration.class)
@EnableWebSocket
public class RawWebMvcServer {

	/** Spring's own defaults for a decorated session (those of its STOMP support). */
	private static final int SEND_TIME_LIMIT_MILLIS = 10 * 1000;

	private static final int SEND_BUFFER_LIMIT_BYTES = 512 * 1024;

	/** An event stream stays open until its client leaves, as on WebFlux. */
	private static final long NO_TIMEOUT = 0;

	@Bean
	Broadcast broadcast() {
		return new Broadcast();
	}

	@Bean
	WebSocketConfigurer webSockets(Broadcast broadcast) {
		return (registry) -> registry.addHandler(new Echo(), "/echo").addHandler(new Fanout(broadcast), "/fanout");
	}

	static class Echo extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			session.sendMessage(new TextMessage(message.getPayload()));
		}

	}

	/** Subscribers on {@code /fanout}; a session with a query string is the publisher. */
	static class Fanout extends TextWebSocketHandler {

		private final Broadcast broadcast;

		Fanout(Broadcast broadcast) {
			this.broadcast = broadcast;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			if (!isPublisher(session)) {
				this.broadcast.subscribers.put(session.getId(), new ConcurrentWebSocketSessionDecorator(session,
						SEND_TIME_LIMIT_MILLIS, SEND_BUFFER_LIMIT_BYTES));
			}
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			if (isPublisher(session)) {
				this.broadcast.publish(message);
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.broadcast.subscribers.remove(session.getId());
		}

		private static boolean isPublisher(WebSocketSession session) {
			return session.getUri() != null && session.getUri().getQuery() != null;
		}

	}

	/** The HTTP endpoints; a member class, so this configuration registers it. */
	@RestController
	static class Endpoints {

		private final Broadcast broadcast;

		Endpoints(Broadcast broadcast) {
			this.broadcast = broadcast;
		}

		@GetMapping(path = "/sse", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		SseEmitter sse() {
			SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
			this.broadcast.streams.add(emitter);
			emitter.onCompletion(() -> this.broadcast.streams.remove(emitter));
			emitter.onError((ex) -> this.broadcast.streams.remove(emitter));
			return emitter;
		}

		@GetMapping("/_bench/memory")
		MemoryReport memory() {
			return MemoryReport.afterFullGc();
		}

	}

	/**
	 * Every publish, sent on the publisher's thread to each subscriber and event stream
	 * present. One that fails (gone, or over its decorator's limits, which closes it) is
	 * dropped; the others still get the message.
	 */
	static final class Broadcast {

		final ConcurrentHashMap<String, WebSocketSession> subscribers = new ConcurrentHashMap<>();

		final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();

		void publish(TextMessage message) {
			for (WebSocketSession subscriber : this.subscribers.values()) {
				try {
					subscriber.sendMessage(message);
				}
				catch (IOException | RuntimeException ex) {
					this.subscribers.remove(subscriber.getId());
				}
			}
			String data = message.getPayload();
			for (SseEmitter stream : this.streams) {
				try {
					stream.send(data);
				}
				catch (IOException | RuntimeException ex) {
					this.streams.remove(stream);
				}
			}
		}

	}

}
