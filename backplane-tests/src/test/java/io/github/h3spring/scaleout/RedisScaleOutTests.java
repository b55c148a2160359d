package io.github.h3spring.scaleout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The scale-out suite on the Redis of this machine ({@code 127.0.0.1:6379}).
 */
class RedisScaleOutTests extends AbstractScaleOutTests {

	private static final int PORT = 6379;

	@Override
	protected void requireServer() {
		Services.require("Redis", PORT);
	}

	@Override
	protected int serverPort() {
		return PORT;
	}

	@Override
	protected Map<String, Object> backplane(int port) {
		// This module also has R2DBC for the PostgreSQL suite: a Redis-only application
		// would not.
		return Map.of("h3.pubsub.sync", "redis", "spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", port,
				"spring.data.redis.timeout", "5s", "spring.autoconfigure.exclude",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration");
	}

	@Override
	protected long killBackplaneConnections() {
		// Kills every subscriber connection of the server; their owners reconnect by
		// themselves.
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
			OutputStream out = socket.getOutputStream();
			out.write("CLIENT KILL TYPE pubsub\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			int read;
			while ((read = in.read()) != '\n' && read >= 0) {
				reply.append((char) read);
			}
			if (reply.charAt(0) != ':') {
				throw new IllegalStateException("CLIENT KILL answered " + reply);
			}
			return Long.parseLong(reply.substring(1).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
