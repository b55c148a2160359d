package io.github.h3spring.webmvc;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import io.github.h3spring.webmvc.HooksApplication.EventLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What is particular to the hooks on Spring MVC (Tomcat here, Jetty in
 * webmvc-jetty-tests): blocking handlers off the container's threads, flow control of
 * what a container reads, its message buffers. The behaviour every stack shares is
 * checked by the conformance-tests suites, which this module runs too.
 */
class ServletWebSocketTests {

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(HooksApplication.class)
			.properties("server.port=0", "h3.websocket.max-message-size=4KB", "h3.websocket.send-buffer-limit=64KB")
			.run();
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	private static H3TestClient client() {
		return H3TestClient.forPort(port);
	}

	private static EventLog log() {
		return context.getBean(EventLog.class);
	}

	private static String peerId(TestWebSocket socket) {
		return socket.nextText().substring("hello ".length());
	}

	@Test
	void waitForDrainCompletesOnceTheContainerHasTakenWhatWasSent() {
		try (TestWebSocket socket = client().connect("/_ws")) {
			peerId(socket);
			socket.send("wait");
			assertThat(socket.nextText()).hasSize(32 * 1024);
			assertThat(socket.nextText()).isEqualTo("drained 0");
		}
	}

	@Test
	void blockingHandlersRunOffTheContainerThread() {
		try (TestWebSocket socket = client().connect("/blocking")) {
			String id = peerId(socket);
			socket.send("where");
			assertThat(socket.nextText()).isEqualTo("where");
			assertThat(log().entries).filteredOn((entry) -> entry.startsWith("message " + id))
				.singleElement()
				.satisfies((entry) -> assertThat(entry).doesNotContain("http-nio").doesNotContain("qtp"));
		}
	}

	@Test
	void messagesThatArriveFasterThanABlockingHandlerRunsAreAllHandledInOrder() {
		try (TestWebSocket socket = client().connect("/blocking")) {
			peerId(socket);
			socket.send("sleep:500");
			for (int i = 0; i < 100; i++) {
				socket.send("m" + i);
			}
			assertThat(socket.nextText()).isEqualTo("slept");
			for (int i = 0; i < 100; i++) {
				assertThat(socket.nextText()).isEqualTo("m" + i);
			}
		}
	}

	@Test
	void theUpgradeRequestCarriesDecodedQueryParameters() {
		try (TestWebSocket socket = client().connect("/_ws?name=a%20b&n=1")) {
			peerId(socket);
			socket.send("query:name");
			assertThat(socket.nextText()).isEqualTo("a b");
		}
	}

	@Test
	void aSubprotocolTheClientDidNotOfferIsRefused() {
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(
					() -> client().connect("/guarded/a", (headers) -> headers.set("X-Protocol", "other"), "chat.v1"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
	}

	@Test
	void aMessageUpToTheLimitLargerThanTheContainersDefaultGetsThrough() {
		try (TestWebSocket socket = client().withoutCompression().connect("/_ws")) {
			peerId(socket);
			String large = "y".repeat(4000);
			socket.send(large);
			assertThat(socket.nextText()).isEqualTo(large);
		}
	}

}
