package io.github.h3spring.observation;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import io.github.h3spring.EventHandler;
import io.github.h3spring.H3;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.ReactiveWebSocketHooks;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import io.github.h3spring.websocket.WebSocketHooks;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application traced with Brave, its trace and span ids in the MDC as a tracing bridge
 * sets them, and whose handlers log from every kind of hook.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class TracedApplication {

	private static final Log logger = LogFactory.getLog(TracedApplication.class);

	@Bean
	TestObservationRegistry observationRegistry() {
		return TestObservationRegistry.create();
	}

	@Bean
	RecordedSpans recordedSpans() {
		return new RecordedSpans();
	}

	@Bean(destroyMethod = "close")
	Tracing tracing(RecordedSpans spans) {
		return Tracing.newBuilder()
			.currentTraceContext(
					ThreadLocalCurrentTraceContext.newBuilder().addScopeDecorator(MDCScopeDecorator.get()).build())
			.sampler(Sampler.ALWAYS_SAMPLE)
			.addSpanHandler(spans)
			.build();
	}

	@Bean
	Tracer tracer(Tracing tracing) {
		return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()),
				new BraveBaggageManager());
	}

	@Bean
	DefaultTracingObservationHandler tracingObservationHandler(Tracer tracer) {
		return new DefaultTracingObservationHandler(tracer);
	}

	@Bean
	@H3Handler("/traced")
	WebSocketHooks traced() {
		return new LoggingHooks("/traced");
	}

	@Bean
	@H3Handler(value = "/traced-blocking", blocking = true)
	WebSocketHooks tracedBlocking() {
		return new LoggingHooks("/traced-blocking");
	}

	@Bean
	@H3Handler("/traced-reactive")
	ReactiveWebSocketHooks tracedReactive() {
		return new ReactiveWebSocketHooks() {
			@Override
			public Mono<Void> message(Peer peer, Message message) {
				logger.info("message hook " + message.text() + " on /traced-reactive");
				return Mono.fromRunnable(() -> peer.send(message.text()));
			}
		};
	}

	@Bean
	@H3Handler("/hello")
	EventHandler hello() {
		return (event) -> {
			logger.info("hello handler");
			return "hello";
		};
	}

	@Bean
	@H3Handler("/stream")
	EventHandler stream() {
		return (event) -> {
			EventStream stream = H3.createEventStream(event);
			stream.push("one");
			stream.close();
			return stream.send();
		};
	}

	@Bean
	@H3Handler("/forever")
	EventHandler forever() {
		return (event) -> {
			EventStream stream = H3.createEventStream(event);
			stream.push("open");
			return stream.send();
		};
	}

	/** Logs from its hooks; refuses {@code ?token=no} and throws on {@code throw}. */
	private static final class LoggingHooks implements WebSocketHooks {

		private final String path;

		LoggingHooks(String path) {
			this.path = path;
		}

		@Override
		public UpgradeResponse upgrade(UpgradeRequest request) {
			return "no".equals(request.queryParams().getFirst("token")) ? UpgradeResponse.reject(401, "no token")
					: UpgradeResponse.accept();
		}

		@Override
		public void message(Peer peer, Message message) {
			if ("throw".equals(message.text())) {
				throw new IllegalStateException("hook failure on purpose");
			}
			logger.info("message hook " + message.text() + " on " + this.path);
			peer.send(message.text());
		}

	}

}
