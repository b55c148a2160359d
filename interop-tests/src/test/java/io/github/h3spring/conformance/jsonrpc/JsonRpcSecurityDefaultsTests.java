package io.github.h3spring.conformance.jsonrpc;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import io.github.h3spring.conformance.jsonrpc.JsonRpcClient.Http;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.WebSocketRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.h3spring.conformance.jsonrpc.JsonRpcClient.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * h3's defaults for JSON-RPC: {@code POST} only, a JSON content type, pages of other origins
 * refused unless {@code h3.jsonrpc.allowed-origins} lets them in, and the WebSocket side
 * under the WebSocket origin policy.
 */
@SpringBootTest(classes = JsonRpcSpecApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "h3.jsonrpc.allowed-origins=https://*.allowed.example")
class JsonRpcSecurityDefaultsTests {

	private static final String SUM = "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":1}";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "GET", "PUT", "DELETE", "PATCH" })
	void otherMethodsThanPostAre405WithAllow(String method) throws Exception {
		HttpResponse<String> response = http().exchange((request) -> request.method(method,
				method.equals("GET") || method.equals("DELETE") ? BodyPublishers.noBody() : BodyPublishers.ofString(SUM)));
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
			"application/xml" })
	void otherContentTypesThanJsonAre415(String contentType) throws Exception {
		HttpResponse<String> response = post(contentType, null);
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).contains("application/json");
	}

	@Test
	void aRequestWithoutContentTypeIs415() throws Exception {
		HttpResponse<String> response = http()
			.exchange((request) -> request.POST(BodyPublishers.ofString(SUM)));
		assertThat(response.statusCode()).isEqualTo(415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json; charset=utf-8", "application/json-rpc",
			"application/vnd.api+json" })
	void jsonContentTypesAreServed(String contentType) throws Exception {
		HttpResponse<String> response = post(contentType, null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(tree(response.body()).path("result").asInt()).isEqualTo(6);
	}

	@Test
	void pagesOfAnotherOriginAre403() throws Exception {
		HttpResponse<String> response = post("application/json", "https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("h3.jsonrpc.allowed-origins");
	}

	@Test
	void pagesOfTheServersOwnOriginAreServed() throws Exception {
		assertThat(post("application/json", "http://localhost:" + this.port).statusCode()).isEqualTo(200);
	}

	@Test
	void pagesOfAnAllowedOriginAreServed() throws Exception {
		assertThat(post("application/json", "https://app.allowed.example").statusCode()).isEqualTo(200);
	}

	@Test
	void onlyNotificationsAre202WithAnEmptyBody() throws Exception {
		HttpResponse<String> response = http().exchange((request) -> request.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"notify_hello\",\"params\":[1]}")));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void anEmptyBodyIsAParseError() throws Exception {
		HttpResponse<String> response = http().exchange((request) -> request.header("Content-Type", "application/json")
			.POST(BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(tree(response.body()).path("error").path("code").asInt()).isEqualTo(-32700);
	}

	@Test
	void theWebSocketSideFollowsTheWebSocketOriginPolicy() {
		// h3.jsonrpc.allowed-origins is for HTTP; h3.websocket.allowed-origins is empty here
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> H3TestClient.forPort(this.port)
				.connect("/rpc", (headers) -> headers.set("Origin", "https://app.allowed.example")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("403"));
	}

	private HttpResponse<String> post(String contentType, String origin) throws Exception {
		return http().exchange((request) -> {
			request.header("Content-Type", contentType).POST(BodyPublishers.ofString(SUM));
			if (origin != null) {
				request.header("Origin", origin);
			}
		});
	}

	private Http http() {
		return new Http(this.port, "/rpc");
	}

}
