package io.github.h3spring.hardening;

import java.io.IOException;

import io.github.h3spring.test.RawWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames and extension offers that break RFC 6455 or RFC 7692: reserved bits that no
 * negotiated extension defines close with 1002, and an extension is negotiated by its
 * name, not by a name that contains it.
 */
class ProtocolHardeningTests {

	private static final int RSV1 = 0x40;

	private static final int RSV2 = 0x20;

	private static final int RSV3 = 0x10;

	private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate";

	private static HardeningApplication.Running app;

	@BeforeAll
	static void start() {
		app = HardeningApplication.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void rsv1WithoutANegotiatedExtensionClosesWith1002() throws IOException {
		assertProtocolError(RSV1, "ping".getBytes());
	}

	@Test
	void rsv2ClosesWith1002() throws IOException {
		assertProtocolError(RSV2, "ping".getBytes());
	}

	@Test
	void rsv3ClosesWith1002() throws IOException {
		assertProtocolError(RSV3, "ping".getBytes());
	}

	@Test
	void rsv2ClosesWith1002WhenPermessageDeflateIsNegotiated() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(app.port(), "/_ws", DEFLATE)) {
			ws.writeFrame(true, RSV1 | RSV2 | RawWebSocket.TEXT, RawWebSocket.deflate("ping".getBytes()), true);
			assertClosedWith1002(ws);
		}
	}

	@Test
	void anOfferThatOnlyContainsTheExtensionsNameNegotiatesNothing() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(app.port(), "/_ws",
				"Sec-WebSocket-Extensions: x-permessage-deflate-bogus")) {
			ws.sendText("extensions");
			RawWebSocket.Frame answer = ws.readFrame();
			assertThat(answer.compressed()).isFalse();
			assertThat(answer.text()).isEmpty();
		}
	}

	@Test
	void theExtensionOfferedByNameAmongOthersIsNegotiatedAndReported() throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(app.port(), "/_ws",
				"Sec-WebSocket-Extensions: x-unknown, permessage-deflate; client_max_window_bits")) {
			ws.writeFrame(true, RSV1 | RawWebSocket.TEXT, RawWebSocket.deflate("extensions".getBytes()), true);
			assertThat(ws.readFrame().text()).isEqualTo("permessage-deflate");
		}
	}

	private static void assertProtocolError(int rsv, byte[] payload) throws IOException {
		try (RawWebSocket ws = RawWebSocket.connect(app.port(), "/_ws")) {
			ws.writeFrame(true, rsv | RawWebSocket.TEXT, payload, true);
			assertClosedWith1002(ws);
		}
	}

	private static void assertClosedWith1002(RawWebSocket ws) throws IOException {
		RawWebSocket.Frame close = ws.awaitClose();
		assertThat(close).as("a Close frame").isNotNull();
		assertThat(close.closeCode()).isEqualTo(1002);
	}

}
