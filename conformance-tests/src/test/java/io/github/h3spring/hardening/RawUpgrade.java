package io.github.h3spring.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade written by hand, for what {@code RawWebSocket} and {@code RawHttp}
 * do not let a client choose: its own {@code Host} header, and a request head that never
 * ends.
 */
final class RawUpgrade {

	private RawUpgrade() {
	}

	/**
	 * The head of an upgrade to a path, with these extra header lines, without its end.
	 */
	static String head(String path, String host, String... headers) {
		StringBuilder head = new StringBuilder(
				"GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		return head.toString();
	}

	/** Sends a complete upgrade request and returns the status code of the answer. */
	static int status(int port, String head) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != '\n' && b != -1; b = in.read()) {
				line.append((char) b);
			}
			return Integer.parseInt(line.toString().split(" ")[1]);
		}
	}

}
