package io.github.h3spring.scaleout;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import static io.github.h3spring.H3.createEventStream;

/**
 * A chat on {@code /chat} whose peers publish what they receive to topic {@code chat},
 * and a listener on {@code /other}, another namespace subscribed to the same topic. Both
 * greet a new peer with {@code ready} once it is subscribed. {@code /events} streams the
 * topic as Server-Sent Events. Run several instances with {@code h3.pubsub.sync} set.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ScaleOutApplication {

	/** The topic every peer subscribes to. */
	public static final String TOPIC = "chat";

	@Bean
	@H3Handler("/chat")
	WebSocketHooks chat() {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				peer.subscribe(TOPIC);
				peer.send("ready");
			}

			@Override
			public void message(Peer peer, Message message) {
				peer.publish(TOPIC, message.isBinary() ? message.bytes() : message.text());
			}
		};
	}

	@Bean
	@H3Handler("/other")
	WebSocketHooks other() {
		return new WebSocketHooks() {
			@Override
			public void open(Peer peer) {
				peer.subscribe(TOPIC);
				peer.send("ready");
			}
		};
	}

	@Bean
	@H3Handler("/events")
	EventHandler events() {
		return (event) -> {
			EventStream stream = createEventStream(event);
			stream.subscribe(TOPIC);
			return stream.send();
		};
	}

}
