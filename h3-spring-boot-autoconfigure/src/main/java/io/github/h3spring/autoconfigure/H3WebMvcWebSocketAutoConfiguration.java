package io.github.h3spring.autoconfigure;

import io.github.h3spring.autoconfigure.H3AutoConfiguration.H3Handlers;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.internal.websocket.WebSocketSettings;
import io.github.h3spring.internal.websocket.servlet.ContainerMessageLimits;
import io.github.h3spring.internal.websocket.servlet.H3HandshakeHandler;
import io.github.h3spring.internal.websocket.servlet.JettyExtendedConnect;
import io.github.h3spring.internal.websocket.servlet.ServletTransportResources;
import io.github.h3spring.internal.websocket.servlet.ServletWebSocketEndpoints;
import io.github.h3spring.internal.websocket.servlet.ServletWebSocketHandlerMapping;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.WebSocketHandler;

/**
 * The Spring MVC WebSocket transport on Tomcat or Jetty: one handler mapping, ordered
 * ahead of the MVC routes, whose upgrades go through spring-websocket's handshake to the
 * container's WebSocket, with peers on the same core as on WebFlux.
 */
@AutoConfiguration(after = H3AutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, WebSocketHandler.class })
@ConditionalOnBean(H3Handlers.class)
public final class H3WebMvcWebSocketAutoConfiguration {

	@Bean
	ServletTransportResources h3ServletTransportResources(Environment environment) {
		return new ServletTransportResources(
				environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false) && isJava21());
	}

	@Bean
	H3HandshakeHandler h3HandshakeHandler(H3Properties properties) {
		return new H3HandshakeHandler(properties.getWebsocket().isCompression());
	}

	@Bean
	ContainerMessageLimits h3ContainerMessageLimits(H3Properties properties) {
		return new ContainerMessageLimits(settings(properties).maxMessageSize());
	}

	@Bean
	ServletWebSocketHandlerMapping h3ServletWebSocketHandlerMapping(H3Handlers handlers, PubSubBroker broker,
			PeerRegistry peers, UpgradeGuard guard, H3HandshakeHandler handshake, ServletTransportResources resources,
			H3Properties properties, ObjectProvider<H3Metrics> metrics, ObjectProvider<H3Observations> observations) {
		return ServletWebSocketEndpoints.handlerMapping(handlers.definitions(), broker, peers, settings(properties),
				guard, handshake, resources, H3AutoConfiguration.metrics(metrics),
				H3AutoConfiguration.observations(observations));
	}

	/**
	 * WebSockets over HTTP/1.1 only on Jetty with HTTP/2, as on the other servers
	 * (docs/deployment.md).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AbstractHTTP2ServerConnectionFactory.class, JettyServerCustomizer.class })
	static class JettyHttp2Configuration {

		@Bean
		JettyServerCustomizer h3WithoutWebSocketOverHttp2() {
			return JettyExtendedConnect::disable;
		}

	}

	private static WebSocketSettings settings(H3Properties properties) {
		H3Properties.WebSocket websocket = properties.getWebsocket();
		return new WebSocketSettings(Math.toIntExact(websocket.getMaxMessageSize().toBytes()),
				websocket.getSendBufferLimit().toBytes(), websocket.isCompression(), websocket.getIdleTimeout());
	}

	private static boolean isJava21() {
		return Runtime.version().feature() >= 21;
	}

}
