package io.github.h3spring.hardening;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.test.RawWebSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code h3.websocket.max-connections} under simultaneous upgrades: a place is taken
 * before the upgrade hook runs and given back when the upgrade is refused or its
 * connection ends.
 */
class ConnectionLimitTests {

	private static final int LIMIT = 10;

	private static final int UPGRADES = 200;

	@Test
	void simultaneousUpgradesNeverPassTheLimit() throws Exception {
		try (HardeningApplication.Running app = HardeningApplication.start("h3.websocket.max-connections=" + LIMIT)) {
			List<RawWebSocket> admitted = new ArrayList<>();
			int refused = 0;
			ExecutorService clients = Executors.newFixedThreadPool(50);
			try {
				List<Callable<RawWebSocket>> upgrades = new ArrayList<>();
				for (int i = 0; i < UPGRADES; i++) {
					upgrades.add(() -> RawWebSocket.connect(app.port(), "/slow"));
				}
				for (Future<RawWebSocket> upgrade : clients.invokeAll(upgrades, 60, TimeUnit.SECONDS)) {
					try {
						admitted.add(upgrade.get());
					}
					catch (Exception ex) {
						assertThat(ex.getCause()).hasMessageContaining(" 503");
						refused++;
					}
				}
			}
			finally {
				clients.shutdownNow();
				for (RawWebSocket socket : admitted) {
					socket.close();
				}
			}
			assertThat(admitted).hasSize(LIMIT);
			assertThat(refused).isEqualTo(UPGRADES - LIMIT);
			// the places come back once the connections end
			awaitUpgrades(app, LIMIT);
		}
	}

	@Test
	void anUpgradeTheHookRefusesGivesItsPlaceBack() throws Exception {
		try (HardeningApplication.Running app = HardeningApplication.start("h3.websocket.max-connections=" + LIMIT)) {
			for (int i = 0; i < 2 * LIMIT; i++) {
				assertThat(RawUpgrade.status(app.port(), RawUpgrade.head("/slow?refuse", "localhost:" + app.port())))
					.isEqualTo(403);
			}
			awaitUpgrades(app, LIMIT);
		}
	}

	/**
	 * Waits until {@code count} connections at once are admitted again, then closes them.
	 */
	private static void awaitUpgrades(HardeningApplication.Running app, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<RawWebSocket> sockets = new ArrayList<>();
			try {
				while (sockets.size() < count) {
					sockets.add(RawWebSocket.connect(app.port(), "/_ws"));
				}
				return true;
			}
			catch (IOException ex) {
				// a closed connection's place may not be back yet
				return false;
			}
			finally {
				for (RawWebSocket socket : sockets) {
					socket.close();
				}
			}
		});
	}

}
