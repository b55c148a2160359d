package io.github.h3spring.websocket;

import java.util.List;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every hook of a peer waits for the one before it, including those that no frame starts:
 * {@code drain}, the {@code error} of a failed {@code send(Publisher)}, and {@code close}
 * when the server drops the connection while a hook runs.
 */
@SpringBootTest(classes = HookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class HookLaneTests {

	@LocalServerPort
	int port;

	@Autowired
	HookTestApplication.EventLog log;

	@Autowired
	WebSocketHub hub;

	TestWebSocket socket;

	String peerId;

	@BeforeEach
	void connect() {
		this.socket = H3TestClient.forPort(this.port).connect("/lane");
		this.peerId = await().until(() -> this.hub.peers("/lane")
			.stream()
			.map(Peer::id)
			.filter((id) -> this.log.entries.stream().noneMatch((entry) -> entry.endsWith(id)))
			.findFirst()
			.orElse(null), (id) -> id != null);
	}

	@Test
	void theDrainHookWaitsForTheMessageHookThatFilledTheBuffer() {
		this.socket.send("flood");
		await().untilAsserted(() -> assertThat(entries()).contains("lane-drain"));
		assertThat(entries()).startsWith("lane-start", "lane-end", "lane-drain");
		this.socket.close();
	}

	@Test
	void theErrorOfAFailedPublisherSendWaitsForTheHookThatSentIt() {
		this.socket.send("failing-publisher");
		await().untilAsserted(() -> assertThat(entries()).contains("lane-error no data"));
		assertThat(entries()).startsWith("lane-start", "lane-end", "lane-error no data");
		this.socket.close();
	}

	@Test
	void theCloseHookWaitsForTheRunningHookWhenTheServerDropsTheConnection() {
		this.socket.send("wait");
		await().untilAsserted(() -> assertThat(entries()).contains("lane-start"));
		this.hub.peers("/lane").stream().filter((peer) -> peer.id().equals(this.peerId)).forEach(Peer::terminate);
		await().untilAsserted(() -> assertThat(entries()).contains("lane-close 1006"));
		assertThat(entries()).containsExactly("lane-start", "lane-end", "lane-close 1006");
	}

	/** This peer's entries, without the peer id. */
	private List<String> entries() {
		return this.log.entries.stream()
			.filter((entry) -> entry.startsWith("lane-") && entry.contains(this.peerId))
			.map((entry) -> entry.replace(" " + this.peerId, ""))
			.toList();
	}

}
