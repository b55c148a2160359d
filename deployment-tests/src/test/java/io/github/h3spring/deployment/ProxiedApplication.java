package io.github.h3spring.deployment;

import java.time.Duration;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamMessage;
import io.github.h3spring.sse.EventStreamOptions;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import static io.github.h3spring.H3.createEventStream;

/**
 * A chat on {@code /chat} (topic {@code chat}) and rooms on {@code /latency/{room}},
 * {@code /whoami} that tells a socket what the server saw of it (its instance, the URL,
 * the client's address), event streams of the chat on {@code /events}, and {@code /ticks}
 * that pushes the time of each push. Each instance says which one it is
 * ({@code app.instance}).
 */
@SpringBootApplication(proxyBeanMethods = false)
class ProxiedApplication {

	static final String TOPIC = "chat";

	@Bean
	@H3Handler("/chat")
	WebSocketHooks chat(@Value("${app.instance}") String instance) {
		return room(TOPIC, instance);
	}

	/**
	 * Rooms of their own for the latency measurement, whose messages reach nobody else.
	 */
	@Bean
	@H3Handler("/latency/{room}")
	WebSocketHooks latency(@Value("${app.instance}") String instance) {
		return room(null, instance);
	}

	/**
	 * Peers publish what they send to the topic, or to the topic of their {@code room}.
	 */
	private static WebSocketHooks room(@Nullable String topic, String instance) {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				peer.subscribe(topic(peer));
				peer.send("ready " + instance);
			}

			@Override
			public void message(Peer peer, Message message) {
				peer.publish(topic(peer), message.text());
			}

			private String topic(Peer peer) {
				return (topic != null) ? topic : "room-" + peer.request().pathVariables().get("room");
			}
		};
	}

	/** The URL and the client address as the server saw them. */
	@Bean
	@H3Handler("/whoami")
	WebSocketHooks whoami(@Value("${app.instance}") String instance) {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				// from X-Forwarded-For: an unresolved address, whose host string is the
				// client's IP
				String client = peer.remoteAddress().getHostString();
				peer.send(instance + " " + peer.request().url() + " " + client);
			}
		};
	}

	/**
	 * The chat as events, with ids to resume from; {@code keepAlive=0} turns the
	 * heartbeat of the stream off.
	 */
	@Bean
	@H3Handler("/events")
	EventHandler events(@Value("${app.instance}") String instance) {
		return (event) -> {
			EventStreamOptions.Builder options = EventStreamOptions.builder();
			if ("0".equals(event.query("keepAlive"))) {
				options.keepAlive(Duration.ZERO);
			}
			EventStream stream = createEventStream(event, options.build());
			stream.push(EventStreamMessage.builder().event("instance").data(instance).build());
			stream.subscribe(TOPIC);
			return stream.send();
		};
	}

	/**
	 * An event every {@code every} ms whose data is {@link System#nanoTime()} at the
	 * push.
	 */
	@Bean
	@H3Handler("/ticks")
	EventHandler ticks() {
		return (event) -> {
			EventStream stream = createEventStream(event);
			long every = Long.parseLong(event.query("every"));
			Disposable ticks = Flux.interval(Duration.ofMillis(every))
				.subscribe((tick) -> stream.push(Long.toString(System.nanoTime())));
			stream.onClosed(ticks::dispose);
			return stream.send();
		};
	}

}
