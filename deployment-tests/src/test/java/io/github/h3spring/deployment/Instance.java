package io.github.h3spring.deployment;

import java.util.Map;

import io.github.h3spring.websocket.WebSocketHub;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * One instance of {@link ProxiedApplication} behind nginx, on a port of its own that it
 * keeps across a restart.
 */
final class Instance implements AutoCloseable {

	private final String name;

	private final int port;

	private final ConfigurableApplicationContext context;

	private Instance(String name, int port, ConfigurableApplicationContext context) {
		this.name = name;
		this.port = port;
		this.context = context;
	}

	/**
	 * Starts an instance on WebFlux with the Redis backplane on {@code channel}, trusting
	 * the proxy's forwarded headers with {@code strategy} ({@code native} or
	 * {@code framework}).
	 */
	static Instance start(String name, int port, String channel, String strategy, Map<String, Object> properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProxiedApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties(Map.of("server.port", port, "app.instance", name, "server.forward-headers-strategy", strategy,
					"server.shutdown", "graceful", "spring.main.banner-mode", "off", "h3.pubsub.sync", "redis",
					"h3.pubsub.channel", channel, "spring.data.redis.host", "127.0.0.1", "spring.data.redis.port",
					6379))
			.properties(properties)
			.initializers(Instance::ownNettyResources)
			.run();
		return new Instance(name, port, context);
	}

	// Both instances share this JVM: stopping one must not dispose the event loops of the
	// other.
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

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	WebSocketHub hub() {
		return this.context.getBean(WebSocketHub.class);
	}

	boolean isRunning() {
		return this.context.isActive();
	}

	/** Stops the instance as a rolling restart does: graceful shutdown. */
	@Override
	public void close() {
		this.context.close();
	}

}
