package io.github.h3spring.websocket;

import java.util.ArrayList;
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

/**
 * What was sent or published to a peer before {@code close()} is written before the Close
 * frame and in the order it was sent, whichever thread sends and closes.
 */
@SpringBootTest(classes = HookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CloseOrderingTests {

	private static final int ROOM_SIZE = 5;

	@LocalServerPort
	int port;

	@Autowired
	WebSocketHub hub;

	H3TestClient client;

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forPort(this.port);
	}

	@Test
	void aPublishAndASendFollowedByCloseFromAnotherThreadArriveBeforeTheClose() {
		for (int round = 0; round < 10; round++) {
			String room = "announce-" + round;
			List<TestWebSocket> members = join(room);
			List<Peer> peers = peersOf(room);
			this.hub.publish(room, "announce");
			for (Peer peer : peers) {
				peer.send("bye");
				peer.close(4002, "room closed");
			}
			for (TestWebSocket member : members) {
				assertThat(member.nextText()).isEqualTo("announce");
				assertThat(member.nextText()).isEqualTo("bye");
				assertThat(member.awaitClose().code()).isEqualTo(4002);
			}
		}
	}

	@Test
	void aPublishFollowedByCloseAllArrivesBeforeTheClose() {
		String room = "close-all";
		List<TestWebSocket> members = join(room);
		this.hub.publish(room, "last words");
		this.hub.closeAll(4003, "everyone out");
		for (TestWebSocket member : members) {
			assertThat(member.nextText()).isEqualTo("last words");
			assertThat(member.awaitClose().code()).isEqualTo(4003);
		}
	}

	private List<TestWebSocket> join(String room) {
		List<TestWebSocket> members = new ArrayList<>();
		for (int i = 0; i < ROOM_SIZE; i++) {
			TestWebSocket socket = this.client.connect("/rooms/" + room);
			assertThat(socket.nextText()).isEqualTo("joined " + room + " as [" + room + "]");
			members.add(socket);
		}
		return members;
	}

	private List<Peer> peersOf(String room) {
		return this.hub.peers("/rooms/{room}").stream().filter((peer) -> peer.topics().contains(room)).toList();
	}

}
