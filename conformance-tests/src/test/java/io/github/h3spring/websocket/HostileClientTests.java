package io.github.h3spring.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.RawWebSocket;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that misbehave get a close code with a reason, and the server keeps serving the
 * next client.
 */
@SpringBootTest(classes = HookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HostileClientTests {

	private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate";

	private static final int RSV1 = 0x40;

	@LocalServerPort
	int port;

	@Autowired
	HookTestApplication.EventLog log;

	@Autowired
	WebSocketHub hub;

	@AfterEach
	void theServerStillServesTheNextClient() {
		try (TestWebSocket socket = H3TestClient.forPort(this.port).connect("/_ws")) {
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	@Test
	void aRawClientIsServed() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			ws.sendText("ping");
			assertThat(ws.readFrame().text()).isEqualTo("pong");
		}
	}

	@Test
	void aMessageLargerThanTheLimitClosesWith1009() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			ws.writeFrame(true, RawWebSocket.TEXT, text(70 * 1024), true);
			RawWebSocket.Frame close = ws.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1009);
			assertThat(close.closeReason()).isNotEmpty();
		}
	}

	@Test
	void aFragmentedMessageIsCountedWholeAgainstTheLimit() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			ws.writeFrame(false, RawWebSocket.TEXT, text(40 * 1024), true);
			ws.writeFrame(true, RawWebSocket.CONTINUATION, text(40 * 1024), true);
			RawWebSocket.Frame close = ws.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void invalidUtf8InATextMessageClosesWith1007() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			ws.writeFrame(true, RawWebSocket.TEXT, new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28 }, true);
			RawWebSocket.Frame close = ws.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1007);
		}
	}

	@Test
	void anUnmaskedClientFrameClosesWith1002() throws IOException {
		assertProtocolError((ws) -> ws.writeFrame(true, RawWebSocket.TEXT, "hi".getBytes(), false));
	}

	@Test
	void anUnknownOpcodeClosesWith1002() throws IOException {
		assertProtocolError((ws) -> ws.writeFrame(true, 0x3, "hi".getBytes(), true));
	}

	@Test
	void aContinuationWithoutAStartClosesWith1002() throws IOException {
		assertProtocolError((ws) -> ws.writeFrame(true, RawWebSocket.CONTINUATION, "hi".getBytes(), true));
	}

	@Test
	void aPeerThatDoesNotReadIsClosedOnceItsSendBufferIsFull(CapturedOutput output) throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/flood")) {
			ws.sendText("200");
			await().untilAsserted(() -> assertThat(this.log.entries)
				.anyMatch((entry) -> entry.startsWith("flood-close ") && entry.contains(" 1008 ")));
			String peerId = this.log.entries.stream()
				.filter((entry) -> entry.startsWith("flooded "))
				.reduce((first, second) -> second)
				.orElseThrow()
				.split(" ")[1];
			assertThat(output).contains("Closing WebSocket peer " + peerId);
			assertThat(this.log.entries).anyMatch((entry) -> entry.startsWith("flooded " + peerId + " buffered ")
					&& Long.parseLong(entry.substring(entry.lastIndexOf(' ') + 1)) <= 1024 * 1024);
			RawWebSocket.Frame close = ws.awaitClose();
			if (close != null) {
				assertThat(close.closeCode()).isEqualTo(1008);
			}
		}
	}

	@Test
	void publishesFromAnotherThreadAreBoundedByThePeersSendBufferWhileItsEventLoopIsBusy() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/sleepy")) {
			Peer peer = await().until(() -> this.hub.peers("/sleepy")
				.stream()
				.filter((candidate) -> candidate.topics().contains("sleepy"))
				.findFirst()
				.orElse(null), (found) -> found != null);
			ws.sendText("1500");
			await().until(() -> this.log.entries.contains("sleeping " + peer.id()));
			byte[] chunk = new byte[64 * 1024];
			for (int i = 0; i < 100; i++) {
				this.hub.publish("sleepy", chunk);
			}
			// the limit (1 MB) held as the publishes were made, not once the event loop
			// is free
			assertThat(peer.websocket().readyState()).isNotEqualTo(WebSocketInfo.OPEN);
			assertThat(peer.bufferedAmount()).isLessThanOrEqualTo(1024 * 1024);
			RawWebSocket.Frame close = ws.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1008);
		}
	}

	@Test
	void compressedMessagesAreInflatedAndAnswered() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws", DEFLATE)) {
			ws.writeFrame(true, RSV1 | RawWebSocket.TEXT, RawWebSocket.deflate("ping".getBytes()), true);
			assertThat(ws.readFrame().text()).isEqualTo("pong");
		}
	}

	@Test
	void aCompressedMessageThatInflatesBeyondTheLimitClosesWith1009() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws", DEFLATE)) {
			byte[] bomb = RawWebSocket.deflate(new byte[16 * 1024 * 1024]);
			assertThat(bomb.length).isLessThan(64 * 1024);
			ws.writeFrame(true, RSV1 | RawWebSocket.TEXT, bomb, true);
			RawWebSocket.Frame close = ws.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void aHookThatNeverCompletesStallsOnlyItsOwnPeer() {
		H3TestClient client = H3TestClient.forPort(this.port);
		try (TestWebSocket stalled = client.connect("/stall"); TestWebSocket other = client.connect("/stall")) {
			stalled.send("stall");
			stalled.send("after");
			other.send("hello");
			assertThat(other.nextText()).isEqualTo("hello");
			assertThat(stalled.poll(Duration.ofMillis(200))).isNull();
		}
		// the stalled peer still leaves peers() when its connection ends
		await().untilAsserted(() -> assertThat(this.hub.peers("/stall")).isEmpty());
	}

	private void assertProtocolError(FrameWriter writer) throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, "/_ws")) {
			writer.write(ws);
			RawWebSocket.Frame close = ws.awaitClose();
			assertThat(close).isNotNull();
			assertThat(close.closeCode()).isEqualTo(1002);
		}
	}

	private static byte[] text(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'a');
		return new String(bytes, StandardCharsets.US_ASCII).getBytes(StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	interface FrameWriter {

		void write(RawWebSocket ws) throws IOException;

	}

}
