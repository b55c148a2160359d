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
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a Spring MVC application on a real servlet container (Tomcat here, Jetty
 * in webmvc-jetty-tests): the core starts, with or without handlers, and the MVC
 * transports serve the handlers' HTTP side and their WebSocket hooks.
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
	void handlersAreServedBySpringMvc() {
		try (ConfigurableApplicationContext context = start(WithHandler.class)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String body = RestClient.create("http://localhost:" + port)
				.get()
				.uri("/hello")
				.retrieve()
				.body(String.class);
			assertThat(body).isEqualTo("hello");
		}
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
