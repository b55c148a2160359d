package io.github.h3spring.conformance.jsonrpc;

import io.github.h3spring.conformance.jsonrpc.JsonRpcClient.Transport;
import io.github.h3spring.conformance.jsonrpc.JsonRpcClient.WebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.h3spring.conformance.jsonrpc.JsonRpcSpecificationTests.assertResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the WebSocket side does: binary messages, and notifications from the server,
 * sent to one peer or published.
 */
@SpringBootTest(classes = JsonRpcSpecApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class JsonRpcWebSocketTests {

	@LocalServerPort
	int port;

	@Test
	void aBinaryMessageIsAParseErrorAndTheSocketStaysOpen() throws Exception {
		try (WebSocket client = (WebSocket) Transport.WEBSOCKET.connect(this.port, "/rpc")) {
			client.socket()
				.sendBinary("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":1}".getBytes());
			String answer = client.next();
			assertThat(JsonRpcClient.tree(answer).path("error").path("code").asInt()).isEqualTo(-32700);
			assertThat(JsonRpcClient.tree(answer).path("id").isNull()).isTrue();
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":2}"),
					"{\"jsonrpc\":\"2.0\",\"result\":6,\"id\":2}");
		}
	}

	@Test
	void theServerSendsAndPublishesNotifications() throws Exception {
		try (WebSocket caller = (WebSocket) Transport.WEBSOCKET.connect(this.port, "/rpc");
				WebSocket other = (WebSocket) Transport.WEBSOCKET.connect(this.port, "/rpc")) {
			// both subscribed on open; the probe proves the other's subscription is in
			// place
			assertThat(other.send("{\"jsonrpc\":\"2.0\",\"method\":\"notify_hello\",\"params\":[1]}")).isNull();
			caller.socket().send("{\"jsonrpc\":\"2.0\",\"method\":\"notifyMe\",\"params\":[\"news\"],\"id\":1}");
			assertResponse(caller.next(), "{\"jsonrpc\":\"2.0\",\"method\":\"hello\",\"params\":[\"you\"]}");
			assertResponse(caller.next(),
					"{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":{\"text\":\"published\"}}");
			assertResponse(caller.next(), "{\"jsonrpc\":\"2.0\",\"result\":\"sent\",\"id\":1}");
			assertResponse(other.next(),
					"{\"jsonrpc\":\"2.0\",\"method\":\"news\",\"params\":{\"text\":\"published\"}}");
		}
	}

}
