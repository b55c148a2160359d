package io.github.h3spring.demo;

import io.github.h3spring.test.AutoConfigureH3TestClient;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureH3TestClient
class DemoEventStreamsTests {

	@Autowired
	H3TestClient client;

	@Test
	void helloStreamSendsHelloWorldEverySecond() {
		try (TestEventStream stream = this.client.sse("/sse")) {
			assertThat(stream.headers().get("content-type")).isEqualTo("text/event-stream");
			assertThat(stream.nextData()).isEqualTo("Hello world");
			assertThat(stream.nextData()).isEqualTo("Hello world");
			assertThat(stream.body()).startsWith("data: Hello world\n\ndata: Hello world\n\n");
		}
	}

	@Test
	void chatEventsStreamsTheChatRoom() {
		try (TestEventStream events = this.client.sse("/chat/events");
				TestWebSocket alice = this.client.connect("/chat")) {
			assertThat(alice.nextText()).startsWith("Welcome!");
			alice.send("hello from the socket");
			assertThat(events.nextData()).endsWith("] joined");
			assertThat(events.nextData()).endsWith("] hello from the socket");
		}
	}

}
