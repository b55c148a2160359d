package io.github.h3spring.scaleout;

import java.util.Map;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.websocket.WebSocketHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running instance of {@link ScaleOutApplication} on a random port, on a given
 * {@link Stack}.
 */
final class Instance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final H3TestClient client;

	private final int port;

	private Instance(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		this.client = H3TestClient.forPort(this.port);
	}

	/** Starts an instance on the stack of the module under test. */
	static Instance start(Map<String, Object> properties) {
		return start(Stack.current(), properties);
	}

	static Instance start(Stack stack, Map<String, Object> properties) {
		return onItsStack(stack,
				new SpringApplicationBuilder(ScaleOutApplication.class).web(stack.type())
					.properties("server.port=0", "spring.main.banner-mode=off", "h3.websocket.max-message-size=2MB",
							"h3.websocket.send-buffer-limit=8MB", "h3.pubsub.max-backoff=500ms",
							"management.endpoints.web.exposure.include=health,h3")
					.properties(properties)
					.initializers(Instance::ownNettyResources)
					.run());
	}

	// Boot picks the server from the class path: a test of one stack must not pass on
	// another.
	private static Instance onItsStack(Stack stack, ConfigurableApplicationContext context) {
		String server = ((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName();
		if (!server.startsWith(stack.server())) {
			context.close();
			throw new IllegalStateException("An instance for " + stack + " runs on " + server);
		}
		return new Instance(context);
	}

	// Several instances share this JVM: closing one must not dispose Reactor Netty's
	// global event loops that the others serve with.
	private static void ownNettyResources(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("ownNettyResources", new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof ReactorResourceFactory factory) {
					factory.setUseGlobalResources(false);
				}
				return bean;
			}
		});
	}

	/** Opens a WebSocket and waits until its peer is subscribed. */
	TestWebSocket connect(String path) {
		TestWebSocket socket = this.client.connect(path);
		assertThat(socket.nextText()).isEqualTo("ready");
		return socket;
	}

	/** Opens a Server-Sent Events stream. */
	TestEventStream events(String path) {
		TestEventStream stream = this.client.sse(path);
		assertThat(stream.status()).isEqualTo(200);
		return stream;
	}

	/** Opens a Server-Sent Events stream that resumes after an event. */
	TestEventStream events(String path, String lastEventId) {
		TestEventStream stream = this.client.sse(path, (headers) -> headers.set("Last-Event-ID", lastEventId));
		assertThat(stream.status()).isEqualTo(200);
		return stream;
	}

	WebSocketHub hub() {
		return this.context.getBean(WebSocketHub.class);
	}

	Health backplaneHealth() {
		return this.context.getBean("h3BackplaneHealthIndicator", HealthIndicator.class).health();
	}

	int port() {
		return this.port;
	}

	/**
	 * The count of a counter of this instance's meters, {@code 0} before it is
	 * registered.
	 */
	double counter(String name) {
		Counter counter = this.context.getBean(MeterRegistry.class).find(name).counter();
		return (counter != null) ? counter.count() : 0;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
