package io.github.h3spring.conformance.jsonrpc;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import io.github.h3spring.conformance.jsonrpc.JsonRpcClient.Http;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.WebSocketRejectedException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code h3.jsonrpc.allowed-origins}: pages of those origins call over HTTP, their CORS
 * preflight answered and {@code Access-Control-Allow-Origin} on the answers (so that
 * their {@code fetch} reads them); others are refused; the WebSocket side keeps the
 * WebSocket origin policy.
 */
@SpringBootTest(classes = JsonRpcSpecApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "h3.jsonrpc.allowed-origins=https://*.allowed.example")
class JsonRpcAllowedOriginsTests {

	private static final String SUM = "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":1}";

	@LocalServerPort
	int port;

	@Test
	void pagesOfAnAllowedOriginAreServedWithCorsHeaders() throws Exception {
		HttpResponse<String> response = post("https://app.allowed.example");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://app.allowed.example");
		assertThat(response.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Origin"));
	}

	@Test
	void theCorsPreflightOfAnAllowedOriginIsAnswered() throws Exception {
		HttpResponse<String> response = preflight("https://app.allowed.example");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://app.allowed.example");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValueSatisfying((allowed) -> assertThat(allowed).containsIgnoringCase("Content-Type"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void theCorsPreflightOfAnotherOriginIs403() throws Exception {
		HttpResponse<String> response = preflight("https://evil.example");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void requestsOfAnotherOriginAre403() throws Exception {
		assertThat(post("https://evil.example").statusCode()).isEqualTo(403);
	}

	@Test
	void requestsWithoutOriginAreServed() throws Exception {
		assertThat(post(null).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		return new Http(this.port, "/rpc").exchange((request) -> request.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type"));
	}

	@Test
	void theWebSocketSideFollowsTheWebSocketOriginPolicy() {
		// h3.jsonrpc.allowed-origins is for HTTP; h3.websocket.allowed-origins is empty
		// here
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> H3TestClient.forPort(this.port)
				.connect("/rpc", (headers) -> headers.set("Origin", "https://app.allowed.example")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("403"));
	}

	private HttpResponse<String> post(@Nullable String origin) throws Exception {
		return new Http(this.port, "/rpc").exchange((request) -> {
			request.header("Content-Type", "application/json").POST(BodyPublishers.ofString(SUM));
			if (origin != null) {
				request.header("Origin", origin);
			}
		});
	}

}
