package io.github.h3spring.conformance.jsonrpc;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.h3spring.conformance.jsonrpc.JsonRpcClient.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.h3spring.conformance.jsonrpc.JsonRpcClient.elements;
import static io.github.h3spring.conformance.jsonrpc.JsonRpcClient.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the JSON-RPC 2.0 specification, section 7, each over HTTP and over
 * WebSocket, then what the examples leave out: every kind of id, parameter binding,
 * results and errors of the application.
 */
@SpringBootTest(classes = JsonRpcSpecApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class JsonRpcSpecificationTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithPositionalParameters(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(
					client.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}"),
					"{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 1}");
			assertResponse(
					client.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}"),
					"{\"jsonrpc\": \"2.0\", \"result\": -19, \"id\": 2}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithNamedParameters(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send(
					"{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}"),
					"{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 3}");
			assertResponse(client.send(
					"{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}"),
					"{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 4}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aNotification(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertThat(client.send("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}")).isNull();
			assertThat(client.send("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}")).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallOfNonExistentMethod(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}"),
					"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}, \"id\": \"1\"}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithInvalidJson(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]"),
					"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}");
			assertSubtractStillWorks(client);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithInvalidRequestObject(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}"),
					"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}");
			assertSubtractStillWorks(client);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallBatchWithInvalidJson(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(
					client
						.send("[\n  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
								+ "  {\"jsonrpc\": \"2.0\", \"method\"\n]"),
					"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithAnEmptyArray(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("[]"),
					"{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithAnInvalidBatchButNotEmpty(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertBatch(client.send("[1]"),
					"[{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}]");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallWithAnInvalidBatch(Transport transport) throws Exception {
		String invalid = "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}";
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertBatch(client.send("[1,2,3]"), "[" + invalid + "," + invalid + "," + invalid + "]");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallBatch(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertBatch(client.send("""
					[
					  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
					  {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
					  {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
					  {"foo": "boo"},
					  {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
					  {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
					]"""), """
					[
					  {"jsonrpc": "2.0", "result": 7, "id": "1"},
					  {"jsonrpc": "2.0", "result": 19, "id": "2"},
					  {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
					  {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"},
					  {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}
					]""");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rpcCallBatchAllNotifications(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertThat(client.send("""
					[
					  {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
					  {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
					]""")).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void idsOfEveryTypeAreEchoedAsSent(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			for (String id : List.of("\"abc\"", "\"\"", "0", "-7", "1.5", "12345678901234567890", "null")) {
				assertResponse(
						client.send("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":" + id + "}"),
						"{\"jsonrpc\":\"2.0\",\"result\":6,\"id\":" + id + "}");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anIdOfAnotherTypeIsAnInvalidRequest(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertThat(
					error(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":{\"a\":1}}"))
						.path("code")
						.asInt())
				.isEqualTo(-32600);
			assertThat(error(client.send("{\"jsonrpc\":\"1.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":1}"))
				.path("code")
				.asInt()).isEqualTo(-32600);
			assertThat(error(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":7,\"id\":1}")).path("code")
				.asInt()).isEqualTo(-32600);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void paramsThatDoNotBindAreInvalidParams(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			for (String params : List.of("[1]", "[1,2,3]", "[\"x\",1]", "[null,1]", "{\"minuend\":1}",
					"{\"minuend\":1,\"subtrahend\":2,\"extra\":3}")) {
				JsonNode error = error(client
					.send("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":" + params + ",\"id\":1}"));
				assertThat(error.path("code").asInt()).as(params).isEqualTo(-32602);
				assertThat(error.path("message").asString()).isEqualTo("Invalid params");
			}
			assertThat(
					error(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"id\":1}")).path("code").asInt())
				.isEqualTo(-32602);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void paramsConvertWithTheApplicationsJsonMapper(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(
					client.send("{\"jsonrpc\":\"2.0\",\"method\":\"point\",\"params\":[{\"x\":1,\"y\":2}],\"id\":1}"),
					"{\"jsonrpc\":\"2.0\",\"result\":{\"x\":1,\"y\":2},\"id\":1}");
			assertResponse(client
				.send("{\"jsonrpc\":\"2.0\",\"method\":\"point\",\"params\":{\"point\":{\"x\":3,\"y\":4}},\"id\":2}"),
					"{\"jsonrpc\":\"2.0\",\"result\":{\"x\":3,\"y\":4},\"id\":2}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void theRequestIsInjectedAndNotCountedAsAPosition(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(
					client.send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"a\":[1,\"b\"]},\"id\":1}"),
					"{\"jsonrpc\":\"2.0\",\"result\":{\"a\":[1,\"b\"]},\"id\":1}");
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":2}"),
					"{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":2}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void thePeerOrTheHttpRequestIsInjected(Transport transport) throws Exception {
		String expected = (transport == Transport.HTTP) ? "\"http POST\"" : "\"websocket\"";
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"transport\",\"id\":1}"),
					"{\"jsonrpc\":\"2.0\",\"result\":" + expected + ",\"id\":1}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void monoAndCompletionStageResultsAreAwaitedAndVoidIsNull(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"later\",\"params\":[\"abc\"],\"id\":1}"),
					"{\"jsonrpc\":\"2.0\",\"result\":\"ABC\",\"id\":1}");
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"nothing\",\"id\":2}"),
					"{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":2}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void theRequestsOfABatchRunConcurrently(Transport transport) throws Exception {
		String gate = "gate-" + transport;
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			// the first waits for the second: answered only if both run at once
			assertBatch(
					client.send("[{\"jsonrpc\":\"2.0\",\"method\":\"await\",\"params\":[\"" + gate + "\"],\"id\":1},"
							+ "{\"jsonrpc\":\"2.0\",\"method\":\"release\",\"params\":[\"" + gate + "\"],\"id\":2}]"),
					"[{\"jsonrpc\":\"2.0\",\"result\":\"released " + gate + "\",\"id\":1},"
							+ "{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":2}]");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void applicationErrorsAreSentAsTheyAreAndOtherExceptionsAsInternalErrorWithoutDetail(Transport transport)
			throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"refuse\",\"id\":1}"),
					"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,\"message\":\"Refused\",\"data\":{\"reason\":\"closed\"}},\"id\":1}");
			String internal = client.send("{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":2}");
			assertResponse(internal,
					"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Internal error\"},\"id\":2}");
			assertThat(internal).doesNotContain("secret");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void namesThatStartWithRpcDotAreReservedAndNotFound(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertResponse(client.send("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}"),
					"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void batchesUpToFiftyAreServedAndLargerOnesRefusedWithOneInvalidRequest(Transport transport) throws Exception {
		try (JsonRpcClient client = transport.connect(this.port, "/rpc")) {
			assertThat(elements(client.send(batchOf(50)))).hasSize(50);
			assertResponse(client.send(batchOf(51)),
					"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"},\"id\":null}");
		}
	}

	private static String batchOf(int size) {
		return IntStream.range(0, size)
			.mapToObj((id) -> "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":" + id + "}")
			.collect(Collectors.joining(",", "[", "]"));
	}

	private static void assertSubtractStillWorks(JsonRpcClient client) throws Exception {
		assertResponse(client.send("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [2, 1], \"id\": 9}"),
				"{\"jsonrpc\": \"2.0\", \"result\": 1, \"id\": 9}");
	}

	private static JsonNode error(String response) {
		assertThat(response).isNotNull();
		JsonNode tree = tree(response);
		assertThat(tree.has("result")).as("a result in %s", response).isFalse();
		return tree.path("error");
	}

	static void assertResponse(String actual, String expected) {
		assertThat(actual).as("response").isNotNull();
		assertThat(tree(actual)).as(actual).isEqualTo(tree(expected));
	}

	/** Batch responses may come in any order. */
	static void assertBatch(String actual, String expected) {
		assertThat(actual).as("batch response").isNotNull();
		assertThat(elements(actual)).as(actual).containsExactlyInAnyOrderElementsOf(elements(expected));
	}

}
