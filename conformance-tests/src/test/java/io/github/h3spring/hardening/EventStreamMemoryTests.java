package io.github.h3spring.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event streams whose clients never read, on a topic anyone can publish to: the server
 * holds at most about {@code h3.sse.send-buffer-limit} per stream, counting what the web
 * server took from the stream's queue and has not written to the socket, measured in the
 * server's memory.
 */
class EventStreamMemoryTests {

	private static final int STREAMS = 20;

	private static final int EVENT_SIZE = 64 * 1024;

	/** More than the limit plus the 128 frames Reactor Netty would take ahead. */
	private static final int EVENTS = 150;

	private static final long LIMIT = 256 * 1024;

	private static final long ALLOCATOR_SLACK = 32 * 1024 * 1024;

	@Test
	void streamsThatNeverReadHoldAboutTheirLimitInServerMemory() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start("h3.sse.keep-alive=0")) {
			HardeningApplication.Streams streams = app.bean(HardeningApplication.Streams.class);
			List<Socket> clients = new ArrayList<>();
			try {
				for (int i = 0; i < STREAMS; i++) {
					clients.add(neverReading(app.port()));
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> streams.opened.size() == STREAMS);
				long directBefore = ServerMemory.direct();
				long heapBefore = ServerMemory.liveHeap();
				String event = "x".repeat(EVENT_SIZE);
				WebSocketHub hub = app.bean(WebSocketHub.class);
				for (int i = 0; i < EVENTS; i++) {
					hub.publish("news", event);
				}
				// every stream overflows, whatever is counted
				await().atMost(Duration.ofSeconds(30)).until(() -> streams.closed.size() == STREAMS);
				long direct = ServerMemory.direct() - directBefore;
				long heap = ServerMemory.liveHeap() - heapBefore;
				System.out.printf(
						"%d never-reading streams, %d events of %d bytes: %.1f MB direct, %.1f MB heap held%n", STREAMS,
						EVENTS, EVENT_SIZE, direct / 1048576.0, heap / 1048576.0);
				// per stream the limit, the frame that passed it and the one the web
				// server is writing, plus what the pooled allocator keeps of chunks it
				// grew by, which depends on the other tests of the JVM (seen up to 26 MB
				// in CI); the unbounded case held 437 MB
				long bound = STREAMS * (LIMIT + 2L * EVENT_SIZE) + ALLOCATOR_SLACK;
				assertThat(direct).as("direct memory held").isLessThan(bound);
				assertThat(heap).as("heap held").isLessThan(bound);
			}
			finally {
				for (Socket client : clients) {
					client.close();
				}
			}
		}
	}

	/**
	 * A client with a small receive window that asks for the stream and never reads it.
	 */
	private static Socket neverReading(int port) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		socket.getOutputStream()
			.write(("GET /news HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

}
