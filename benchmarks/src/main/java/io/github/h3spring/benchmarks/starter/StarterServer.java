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
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The starter's benchmark server: the endpoints every benchmark server has, written on
 * the public API as an application would write them.
 * <ul>
 * <li>{@code /echo} — WebSocket, sends every text message back;</li>
 * <li>{@code /fanout} — WebSocket, peers subscribe to the {@code bench} topic; a peer
 * that connects with {@code ?publisher} publishes each message it sends to that
 * topic;</li>
 * <li>{@code /sse} — Server-Sent Events of the {@code bench} topic;</li>
 * <li>{@code /_bench/memory} — runs a full GC and reports the live heap.</li>
 * </ul>
 * The {@code starter} command runs it on Spring WebFlux, {@code starter-mvc} on Spring
 * MVC. Without Actuator in the jar it has no {@link ObservationRegistry}, unless
 * {@code --bench.observation} gives it one ({@code benchmarks/observation.sh}).
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

	/**
	 * {@code --bench.observation=noop}: a registry without handlers, as an application
	 * with Micrometer but nothing that observes; {@code observed}: one whose only handler
	 * does nothing, so every observation is made but none recorded (the cost of the
	 * observations themselves, without a tracer's or a timer's).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("bench.observation")
	static class Observations {

		@Bean
		ObservationRegistry observationRegistry(Environment environment) {
			ObservationRegistry registry = ObservationRegistry.create();
			if ("observed".equals(environment.getProperty("bench.observation"))) {
				ObservationHandler<?> nothing = (context) -> true;
				registry.observationConfig().observationHandler(nothing);
			}
			return registry;
		}

	}

}
