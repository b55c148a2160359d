package io.github.h3spring.demo;

import java.util.List;

import io.github.h3spring.interop.NodeScript;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's calculator driven over WebSocket by a JSON-RPC client from npm
 * ({@code json-rpc-2.0}, on the {@code ws} package), which also serves the server's
 * notifications.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoJsonRpcNodeClientTests {

	@LocalServerPort
	int port;

	@Test
	void anNpmJsonRpcClientCallsTheCalculatorAndReceivesItsNotifications() throws Exception {
		String output = NodeScript.run(List.of("ws", "json-rpc-2.0"), "jsonrpc-client.mjs",
				"ws://localhost:" + this.port + "/calc");
		JsonNode result = JsonMapper.builder().build().readTree(output.strip());
		assertThat(result.path("add").asDouble()).isEqualTo(5.0);
		assertThat(result.path("subtract").asDouble()).isEqualTo(6.0);
		assertThat(result.path("divideError").path("code").asInt()).isEqualTo(-32000);
		assertThat(result.path("divideError").path("message").asString()).isEqualTo("Division by zero");
		assertThat(result.path("divideError").path("data").path("a").asDouble()).isEqualTo(1.0);
		assertThat(result.path("unknownError").path("code").asInt()).isEqualTo(-32601);
		assertThat(result.path("notifications").valueStream().map((params) -> params.path("operation").asString()))
			.containsExactly("add", "subtract", "multiply");
		assertThat(result.path("notifications").get(2).path("result").asDouble()).isEqualTo(42.0);
	}

}
