package io.github.h3spring.demo;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoEventStreamsTests {

	@LocalServerPort
	int port;

	@Test
	void helloStreamSendsHelloWorldEverySecond() {
		try (TestEventStream stream = H3TestClient.forPort(this.port).openEventStream("/sse")) {
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			assertThat(stream.awaitDataEvents(2)).extracting(TestServerSentEvent::data)
				.containsExactly("Hello world", "Hello world");
			assertThat(stream.body()).startsWith("data: Hello world\n\ndata: Hello world\n\n");
		}
	}

	@Test
	void chatEventsStreamsTheChatRoom() {
		H3TestClient client = H3TestClient.forPort(this.port);
		try (TestEventStream events = client.openEventStream("/chat/events");
				TestWebSocket alice = client.connect("/chat")) {
			assertThat(alice.nextText()).startsWith("Welcome!");
			alice.send("hello from the socket");
			assertThat(events.awaitDataEvents(2)).extracting(TestServerSentEvent::data)
				.satisfiesExactly((joined) -> assertThat(joined).endsWith("] joined"),
						(message) -> assertThat(message).endsWith("] hello from the socket"));
		}
	}

}
