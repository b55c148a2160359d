package io.github.h3spring.hardening;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The handlers that hostile clients attack, the same on every web stack (the stack is the
 * one on the class path): an echo, rooms whose namespace is taken from the URL, an
 * upgrade hook that takes its time, and an event stream on a topic anyone can publish to.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class HardeningApplication {

	/** Starts the application on a random port with these properties. */
	static Running start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HardeningApplication.class)
			.properties("server.port=0")
			.properties(properties)
			.run();
		return new Running(context, ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Streams streams() {
		return new Streams();
	}

	@Bean
	@H3Handler("/_ws")
	WebSocketHooks echo() {
		return new WebSocketHooks() {

			@Override
			public void message(Peer peer, Message message) {
				peer.send(message.text().equals("extensions") ? String.join(",", peer.websocket().extensions())
						: message.text());
			}

		};
	}

	@Bean
	@H3Handler("/rooms/{room}")
	WebSocketHooks rooms() {
		return new WebSocketHooks() {

			@Override
			public UpgradeResponse upgrade(UpgradeRequest request) {
				return UpgradeResponse.accept().namespace("/rooms/" + request.pathParam("room"));
			}

			@Override
			public void open(Peer peer) {
				peer.subscribe("chat");
				peer.send("joined");
			}

		};
	}

	/** An upgrade hook that answers late, so that many upgrades are decided at once. */
	@Bean
	@H3Handler("/slow")
	ReactiveWebSocketHooks slow() {
		return new ReactiveWebSocketHooks() {

			@Override
			public Mono<UpgradeResponse> upgrade(UpgradeRequest request) {
				UpgradeResponse answer = request.queryParams().containsKey("refuse") ? UpgradeResponse.reject(403, "no")
						: UpgradeResponse.accept();
				return Mono.delay(Duration.ofMillis(200)).thenReturn(answer);
			}

		};
	}

	@Bean
	@H3Handler("/news")
	EventHandler news(Streams streams) {
		return (H3Event event) -> {
			EventStream stream = H3.createEventStream(event);
			stream.subscribe("news");
			streams.opened.add(stream);
			stream.onClosed(() -> streams.closed.add(stream));
			return stream.send();
		};
	}

	/** The event streams opened and closed. */
	static final class Streams {

		final List<EventStream> opened = new CopyOnWriteArrayList<>();

		final List<EventStream> closed = new CopyOnWriteArrayList<>();

	}

	/**
	 * A started application.
	 *
	 * @param context its context
	 * @param port its port
	 */
	record Running(ConfigurableApplicationContext context, int port) implements AutoCloseable {

		<T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
