package io.github.h3spring.interop;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Node's WebSocket (undici) and {@code ws} see of the server's closes and limits.
 */
@TestPropertySource(properties = "h3.websocket.max-message-size=1KB")
abstract class AbstractNodeClientTests {

	private static final int ROOM_SIZE = 20;

	@LocalServerPort
	int port;

	/**
	 * The {@code Sec-WebSocket-Extensions} the server should accept from these clients.
	 */
	abstract String expectedExtensions();

	@ParameterizedTest
	@EnumSource(NodeWebSocketClient.class)
	void aServerCloseIsCleanAndComesAfterWhatWasSentBeforeIt(NodeWebSocketClient client) throws Exception {
		ContainerGaps.assumeCleanServerClose(client, !expectedExtensions().isEmpty());
		List<ClientResult> results = client.run("send-then-close", url("/echo"), 0);
		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.messages()).containsExactly("one", "two");
			assertThat(result.code()).isEqualTo(4000);
			assertThat(result.reason()).isEqualTo("bye");
			assertThat(result.wasClean()).as("wasClean").isTrue();
			// its parameters differ by server (Tomcat answers
			// permessage-deflate;client_max_window_bits=15)
			assertThat(result.extensionName()).isEqualTo(expectedExtensions());
		});
	}

	@ParameterizedTest
	@EnumSource(NodeWebSocketClient.class)
	void anOversizedMessageClosesCleanlyWith1009AfterEverythingBeforeIt(NodeWebSocketClient client) throws Exception {
		ContainerGaps.assumeCleanCloseOnOversizedMessage();
		List<ClientResult> results = client.run("oversized", url("/echo"), 4096);
		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.messages()).containsExactly("hello");
			assertThat(result.code()).isEqualTo(1009);
			assertThat(result.wasClean()).as("wasClean").isTrue();
		});
	}

	@ParameterizedTest
	@EnumSource(NodeWebSocketClient.class)
	void whatIsPublishedBeforeAPeerIsClosedArrivesBeforeTheClose(NodeWebSocketClient client) throws Exception {
		ContainerGaps.assumeCleanServerClose(client, !expectedExtensions().isEmpty());
		for (int round = 0; round < 3; round++) {
			String room = client.name() + "-" + round;
			List<ClientResult> results = client.run("announce", url("/room/" + room), ROOM_SIZE);
			assertThat(results).hasSize(ROOM_SIZE).allSatisfy((result) -> {
				assertThat(result.messages()).containsExactly("joined", "announce " + room);
				assertThat(result.code()).isEqualTo(InteropApplication.ROOM_CLOSED);
				assertThat(result.wasClean()).as("wasClean").isTrue();
			});
		}
	}

	private String url(String path) {
		return "ws://localhost:" + this.port + path;
	}

}
