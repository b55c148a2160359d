package io.github.h3spring.conformance.jsonrpc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends JSON-RPC text the way a client of one transport does and returns what came back,
 * {@code null} when nothing did.
 */
interface JsonRpcClient extends AutoCloseable {

	JsonMapper JSON = JsonMapper.builder().build();

	Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Sends a request, a batch or any text.
	 * @return the response text, {@code null} when the server sent none
	 */
	@Nullable String send(String text) throws Exception;

	@Override
	void close();

	static JsonNode tree(String json) {
		return JSON.readTree(json);
	}

	/** The transports under test. */
	enum Transport {

		HTTP {
			@Override
			JsonRpcClient connect(int port, String path) {
				return new Http(port, path);
			}
		},

		WEBSOCKET {
			@Override
			JsonRpcClient connect(int port, String path) {
				return new WebSocket(H3TestClient.forPort(port).connect(path));
			}
		};

		abstract JsonRpcClient connect(int port, String path);

	}

	/**
	 * {@code POST} with {@code application/json}: 200 with the response, 202 with none.
	 */
	final class Http implements JsonRpcClient {

		private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

		private final URI uri;

		Http(int port, String path) {
			this.uri = URI.create("http://localhost:" + port + path);
		}

		@Override
		public @Nullable String send(String text) throws IOException, InterruptedException {
			HttpResponse<String> response = exchange((builder) -> builder.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(text)));
			if (response.statusCode() == 202) {
				assertThat(response.body()).as("body of 202").isEmpty();
				return null;
			}
			assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			return response.body();
		}

		HttpResponse<String> exchange(Consumer<HttpRequest.Builder> request) throws IOException, InterruptedException {
			HttpRequest.Builder builder = HttpRequest.newBuilder(this.uri).timeout(TIMEOUT);
			request.accept(builder);
			return this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}

		@Override
		public void close() {
			// HttpClient has no close before Java 21; its connections time out on their
			// own
		}

	}

	/**
	 * A text message on one socket. The server answers the messages of a socket in order,
	 * so a probe request sent right after tells whether the message was answered.
	 */
	final class WebSocket implements JsonRpcClient {

		private static final String PROBE = "{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":\"probe\"}";

		private final TestWebSocket socket;

		WebSocket(TestWebSocket socket) {
			this.socket = socket;
		}

		@Override
		public @Nullable String send(String text) {
			this.socket.send(text);
			this.socket.send(PROBE);
			String first = this.socket.next(TIMEOUT).text();
			if (isProbe(first)) {
				return null;
			}
			assertThat(isProbe(this.socket.next(TIMEOUT).text())).as("the probe's answer comes next").isTrue();
			return first;
		}

		/** What arrives next, for messages the server sends on its own. */
		String next() {
			return this.socket.next(TIMEOUT).text();
		}

		TestWebSocket socket() {
			return this.socket;
		}

		private static boolean isProbe(String text) {
			JsonNode tree = tree(text);
			return tree.isObject() && "probe".equals(tree.path("id").asString(""));
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

	/** The members of a batch response, in the order received. */
	static List<JsonNode> elements(String json) {
		JsonNode tree = tree(json);
		assertThat(tree.isArray()).as("batch response %s", json).isTrue();
		return tree.valueStream().toList();
	}

}
