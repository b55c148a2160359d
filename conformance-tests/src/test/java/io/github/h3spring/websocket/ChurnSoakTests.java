package io.github.h3spring.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of connections come and go, some dropped without a close frame: afterwards no
 * peer, subscription or gauge is left, and Netty's paranoid leak detector stays silent
 * ({@code NettyLeakGuard} runs after the class).
 */
@SpringBootTest(classes = { HookTestApplication.class, ChurnSoakTests.Meters.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class ChurnSoakTests {

	private static final int CONNECTIONS = 2_000;

	private static final int ABRUPT_EVERY = 10;

	@LocalServerPort
	int port;

	@Autowired
	WebSocketHub hub;

	@Autowired
	TopicRegistry topics;

	@Autowired
	MeterRegistry meters;

	@Test
	void connectionsOpenedAndClosedLeaveNothingBehind() throws Exception {
		H3TestClient client = H3TestClient.forPort(this.port);
		ExecutorService workers = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> connections = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				int index = i;
				connections.add(workers.submit(() -> churn(client, index)));
			}
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			for (Future<?> connection : connections) {
				connection.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		finally {
			workers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.hub.peers()).isEmpty();
			assertThat(this.topics.subscriberCounts()).isEmpty();
			assertThat(this.meters.find("h3.websocket.peers").gauges())
				.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
		});
		assertThat(this.meters.find("h3.websocket.closes").tag("code", "1006").counter()).isNotNull()
			.satisfies((abrupt) -> assertThat(abrupt.count()).isGreaterThanOrEqualTo(CONNECTIONS / ABRUPT_EVERY));
	}

	private static void churn(H3TestClient client, int index) {
		TestWebSocket socket = client.connect("/rooms/churn-" + (index % 20));
		assertThat(socket.nextText()).startsWith("joined churn-");
		if (index % ABRUPT_EVERY == 0) {
			socket.abort();
		}
		else {
			socket.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
