package io.github.h3spring.demo;

import io.github.h3spring.test.AutoConfigureH3TestClient;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client sends reaches the echo's log escaped and cut: it cannot forge log lines.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureH3TestClient
@ExtendWith(OutputCaptureExtension.class)
class EchoSocketLogTests {

	private static final String FORGED = "2026-01-01T00:00:00.000Z  INFO 1 --- [h3-demo] admin logged in";

	@Autowired
	H3TestClient client;

	@Test
	void aLineBreakInAMessageDoesNotStartALogLine(CapturedOutput output) {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("ping\r\n" + FORGED);
			assertThat(socket.nextText()).isEqualTo("pong");
		}
		await().untilAsserted(() -> assertThat(output).contains("ping\\u000d\\u000a" + FORGED));
		assertThat(output.toString().lines()).noneMatch((line) -> line.startsWith(FORGED));
	}

	@Test
	void aLongMessageIsCutInTheLog(CapturedOutput output) {
		try (TestWebSocket socket = this.client.connect("/_ws")) {
			socket.send("ping" + "x".repeat(10_000));
			assertThat(socket.nextText()).isEqualTo("pong");
		}
		await().untilAsserted(() -> assertThat(output).contains("(10004 chars)"));
		assertThat(output.toString().lines().filter((line) -> line.contains("[ws] message")))
			.allMatch((line) -> line.length() < LoggedText.MAX_LENGTH + 200);
	}

}
