package io.github.h3spring.hardening;

import java.io.IOException;
import java.time.Duration;

import io.github.h3spring.test.RawWebSocket;
import io.github.h3spring.websocket.WebSocketHub;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Namespaces taken from the URL, as the docs recommend ({@code /rooms/{room}}), chosen by
 * a client that churns room names: what the server keeps per namespace goes with its last
 * peer, and looking a namespace up keeps nothing.
 */
class NamespaceChurnTests {

	private static final int ROOMS = 100;

	private static final int LOOKUPS = 200_000;

	@Test
	void theGaugeOfARoomGoesWithItsLastPeer() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start()) {
			MeterRegistry meters = app.bean(MeterRegistry.class);
			for (int i = 0; i < ROOMS; i++) {
				try (RawWebSocket ws = RawWebSocket.connect(app.port(), "/rooms/room-" + i)) {
					assertThat(ws.readFrame().text()).isEqualTo("joined");
				}
			}
			try (RawWebSocket stays = RawWebSocket.connect(app.port(), "/rooms/lobby")) {
				assertThat(stays.readFrame().text()).isEqualTo("joined");
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(meters.find("h3.websocket.peers").gauges()).singleElement()
						.satisfies((gauge) -> {
							assertThat(gauge.getId().getTag("namespace")).isEqualTo("/rooms/lobby");
							assertThat(gauge.value()).isEqualTo(1);
						}));
			}
		}
	}

	@Test
	void lookingUpNamespacesKeepsNothing() {
		try (HardeningApplication.Running app = HardeningApplication.start()) {
			WebSocketHub hub = app.bean(WebSocketHub.class);
			long before = ServerMemory.liveHeap();
			for (int i = 0; i < LOOKUPS; i++) {
				assertThat(hub.peers("/rooms/nobody-" + i)).isEmpty();
			}
			long held = ServerMemory.liveHeap() - before;
			System.out.printf("%d namespace lookups: %.1f MB heap held%n", LOOKUPS, held / 1048576.0);
			assertThat(held).as("heap held").isLessThan(8 * 1024 * 1024);
		}
	}

}
