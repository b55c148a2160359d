package io.github.h3spring.scaleout;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.websocket.WebSocketHub;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures what a backplane adds: two instances of {@link ScaleOutApplication} in this
 * JVM, a WebSocket client on each; instance A publishes through its hub, and the time
 * from the publish to the arrival on the client of A (local) and of B (through the
 * backplane) is recorded per message. Then A publishes a burst as fast as it can, and the
 * rate at which B's client receives it is the throughput. Bounded: fixed counts and a
 * timeout per phase.
 * <p>
 * Usage: {@code BackplaneLatency redis|postgres [paced-messages] [burst-messages]}, with
 * Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (database test, user
 * postgres).
 */
public final class BackplaneLatency {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private BackplaneLatency() {
	}

	public static void main(String[] args) throws InterruptedException {
		String backplane = (args.length > 0) ? args[0] : "redis";
		int paced = (args.length > 1) ? Integer.parseInt(args[1]) : 2000;
		int burst = (args.length > 2) ? Integer.parseInt(args[2]) : 20000;
		String[] properties = properties(backplane);
		try (ConfigurableApplicationContext a = start(properties);
				ConfigurableApplicationContext b = start(properties)) {
			WebSocketHub hub = a.getBean(WebSocketHub.class);
			try (TestWebSocket onA = connect(a); TestWebSocket onB = connect(b)) {
				waitForBackplane(hub, onB);
				// The first pass warms the JIT up; the second is the one reported.
				measureLatency(backplane, "warm", hub, onA, onB, paced, false);
				measureLatency(backplane, "run", hub, onA, onB, paced, true);
				measureThroughput(backplane, hub, onB, burst);
			}
		}
	}

	private static String[] properties(String backplane) {
		List<String> common = List.of("server.port=0", "spring.main.banner-mode=off", "logging.level.root=warn",
				"h3.websocket.send-buffer-limit=64MB", "h3.pubsub.outbox-capacity=100000",
				"h3.pubsub.channel=h3-measure");
		List<String> specific = switch (backplane) {
			case "redis" -> List.of("h3.pubsub.sync=redis", "spring.data.redis.host=127.0.0.1",
					"spring.autoconfigure.exclude=org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration");
			case "postgres" ->
				List.of("h3.pubsub.sync=postgres", "spring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/test");
			default -> throw new IllegalArgumentException("Unknown backplane '" + backplane + "': redis or postgres");
		};
		return Stream.concat(common.stream(), specific.stream()).toArray(String[]::new);
	}

	private static ConfigurableApplicationContext start(String[] properties) {
		return new SpringApplicationBuilder(ScaleOutApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties)
			.run();
	}

	private static TestWebSocket connect(ConfigurableApplicationContext context) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		TestWebSocket socket = H3TestClient.forPort(port).connect("/chat");
		socket.next();
		return socket;
	}

	private static void waitForBackplane(WebSocketHub hub, TestWebSocket onB) {
		for (int attempt = 0; attempt < 100; attempt++) {
			hub.publish(ScaleOutApplication.TOPIC, "warm-up");
			if (onB.poll(Duration.ofMillis(200)) != null) {
				while (onB.poll(Duration.ofMillis(500)) != null) {
					// drain the other warm-up messages
				}
				return;
			}
		}
		throw new IllegalStateException("The backplane did not connect");
	}

	private static void measureLatency(String backplane, String pass, WebSocketHub hub, TestWebSocket onA,
			TestWebSocket onB, int count, boolean report) throws InterruptedException {
		long[] published = new long[count];
		long[] local = new long[count];
		long[] remote = new long[count];
		CountDownLatch done = new CountDownLatch(2 * count);
		record(onA, pass, local, done);
		record(onB, pass, remote, done);
		for (int i = 0; i < count; i++) {
			published[i] = System.nanoTime();
			hub.publish(ScaleOutApplication.TOPIC, pass + ":" + i);
			// About 500 publishes per second: latency under a steady load, not a queue.
			LockSupport.parkNanos(2_000_000);
		}
		if (!done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("Not every message arrived within " + TIMEOUT);
		}
		if (!report) {
			return;
		}
		long[] localLatency = new long[count];
		long[] remoteLatency = new long[count];
		long[] added = new long[count];
		for (int i = 0; i < count; i++) {
			localLatency[i] = local[i] - published[i];
			remoteLatency[i] = remote[i] - published[i];
			added[i] = remote[i] - local[i];
		}
		System.out.printf("%s latency over %d messages at ~500/s (publish on A -> client):%n", backplane, count);
		System.out.printf("  client on A (local)      p50 %s  p99 %s%n", millis(localLatency, 50),
				millis(localLatency, 99));
		System.out.printf("  client on B (backplane)  p50 %s  p99 %s%n", millis(remoteLatency, 50),
				millis(remoteLatency, 99));
		System.out.printf("  added by the backplane   p50 %s  p99 %s%n", millis(added, 50), millis(added, 99));
	}

	private static void record(TestWebSocket socket, String pass, long[] arrivals, CountDownLatch done) {
		String prefix = pass + ":";
		// messages() replays what arrived before: only this pass's messages count, once
		// each.
		socket.messages()
			.map((message) -> message.text())
			.filter((text) -> text.startsWith(prefix))
			.subscribe((text) -> {
				int index = Integer.parseInt(text.substring(prefix.length()));
				if (arrivals[index] == 0) {
					arrivals[index] = System.nanoTime();
					done.countDown();
				}
			});
	}

	private static void measureThroughput(String backplane, WebSocketHub hub, TestWebSocket onB, int count)
			throws InterruptedException {
		CountDownLatch received = new CountDownLatch(count);
		onB.messages().filter((message) -> message.text().startsWith("b")).subscribe((message) -> received.countDown());
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			hub.publish(ScaleOutApplication.TOPIC, "b" + i);
		}
		long published = System.nanoTime();
		if (!received.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException(
					received.getCount() + " of " + count + " messages missing after " + TIMEOUT);
		}
		long end = System.nanoTime();
		System.out.printf(
				"%s throughput: %d messages published in %.0f ms, all received on B after %.0f ms: %.0f messages/s%n",
				backplane, count, (published - start) / 1e6, (end - start) / 1e6, count / ((end - start) / 1e9));
	}

	private static String millis(long[] nanos, int percentile) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return String.format("%.2f ms", sorted[Math.max(0, index)] / 1e6);
	}

}
