package io.github.h3spring.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.h3spring.test.RawWebSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its upgrade request one byte at a time and never finishes it is
 * dropped at {@code h3.websocket.handshake-timeout}, however often it sends a byte.
 */
class HandshakeDeadlineTests {

	/** A byte every half second for up to 10 s: longer than the deadline, bounded. */
	private static final int MAX_BYTES = 20;

	@Test
	void aRequestHeadSentByteByByteIsDroppedAtTheDeadline() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start("h3.websocket.handshake-timeout=2s");
				Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			// never complete within the loop: longer than the bytes it sends
			byte[] head = RawUpgrade.head("/_ws", "localhost:" + app.port()).getBytes(StandardCharsets.US_ASCII);
			long start = System.nanoTime();
			boolean dropped = false;
			for (int i = 0; i < MAX_BYTES && !dropped; i++) {
				try {
					out.write(head[i]);
					out.flush();
					// one byte per read timeout: the server answers nothing until the
					// head is complete
					dropped = in.read() == -1;
				}
				catch (SocketTimeoutException ex) {
					// still open
				}
				catch (SocketException ex) {
					dropped = true;
				}
			}
			Duration held = Duration.ofNanos(System.nanoTime() - start);
			assertThat(dropped).as("dropped by the server").isTrue();
			assertThat(held).isLessThan(Duration.ofSeconds(6));
		}
	}

	@Test
	void aPromptUpgradeIsServedAndOutlivesTheDeadline() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start("h3.websocket.handshake-timeout=1s");
				RawWebSocket ws = RawWebSocket.connect(app.port(), "/_ws")) {
			ws.setReadTimeout(2500);
			// nothing arrives for longer than the deadline: the upgraded connection stays
			// open
			assertThat(ws.isClosedByServer()).isFalse();
			ws.sendText("still");
			assertThat(ws.readFrame().text()).isEqualTo("still");
		}
	}

}
