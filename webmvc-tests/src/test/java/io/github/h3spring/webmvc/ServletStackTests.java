package io.github.h3spring.webmvc;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The starter in a Spring MVC application on a real servlet container (Tomcat here, Jetty in
 * webmvc-jetty-tests): the core starts, WebSocket hooks are served, and handlers with an HTTP
 * side, which no MVC transport serves yet, are a start-up failure that says what to do, not
 * silently unmapped paths.
 */
class ServletStackTests {

	@Test
	void withoutHandlersTheApplicationStartsWithTheHub() {
		try (ConfigurableApplicationContext context = start(NoHandlers.class)) {
			assertThat(((WebServerApplicationContext) context).getWebServer().getPort()).isPositive();
			assertThat(context.getBean(WebSocketHub.class).peers()).isEmpty();
		}
	}

	@Test
	void hooksHandlersAreServedOverTheContainersWebSocket() {
		try (ConfigurableApplicationContext context = start(WithHooks.class)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			try (TestWebSocket socket = H3TestClient.forPort(port).connect("/echo")) {
				socket.send("hi");
				assertThat(socket.nextText()).isEqualTo("hi");
			}
		}
	}

	@Test
	void handlersWithAnHttpSideFailTheStartUpWithWhatToDo() {
		assertThatException().isThrownBy(() -> start(WithHandler.class).close())
			.withStackTraceContaining("runs Spring MVC on a servlet container");
	}

	private static ConfigurableApplicationContext start(Class<?> application) {
		return new SpringApplicationBuilder(application).properties("server.port=0").run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NoHandlers {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WithHooks {

		@Bean
		@H3Handler("/echo")
		WebSocketHooks echo() {
			return new WebSocketHooks() {

				@Override
				public void message(Peer peer, Message message) {
					peer.send(message.text());
				}

			};
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WithHandler {

		@Bean
		@H3Handler("/hello")
		EventHandler hello() {
			return (event) -> "hello";
		}

	}

}
