package io.github.h3spring.test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A plain-socket HTTP/1.1 client for requests that well-behaved clients refuse to send,
 * such as malformed WebSocket handshakes. Reads one response, using Content-Length.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a request head (request line and headers, without the final blank line) and
	 * reads the response.
	 */
	public static Response exchange(int port, String requestHead) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestHead + "\r\nHost: localhost:" + port + "\r\nContent-Length: 0\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return read(socket.getInputStream());
		}
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = readLine(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
		byte[] body = in.readNBytes(length);
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	/** Reads one CRLF- or LF-terminated line. */
	static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new EOFException("Connection closed in the middle of the HTTP head");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public @Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
