package io.github.h3spring.conformance.jsonrpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.jsonrpc.JsonRpcException;
import io.github.h3spring.jsonrpc.JsonRpcMethod;
import io.github.h3spring.jsonrpc.JsonRpcNotification;
import io.github.h3spring.jsonrpc.JsonRpcRequest;
import io.github.h3spring.jsonrpc.JsonRpcService;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import io.github.h3spring.websocket.WebSocketHub;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service of the specification's examples (section 7), written only on the public
 * API, with a few methods more for what the examples do not show.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class JsonRpcSpecApplication {

	@Bean
	@H3Handler("/rpc")
	SpecService specService(WebSocketHub hub) {
		return new SpecService(hub);
	}

	static class SpecService implements JsonRpcService, WebSocketHooks {

		private final WebSocketHub hub;

		private final Map<String, CompletableFuture<String>> gates = new ConcurrentHashMap<>();

		SpecService(WebSocketHub hub) {
			this.hub = hub;
		}

		@Override
		public void open(Peer peer) {
			peer.subscribe("news");
		}

		@JsonRpcMethod
		int subtract(int minuend, int subtrahend) {
			return minuend - subtrahend;
		}

		@JsonRpcMethod
		int sum(int a, int b, int c) {
			return a + b + c;
		}

		@JsonRpcMethod
		void update(int a, int b, int c, int d, int e) {
		}

		@JsonRpcMethod("notify_hello")
		void notifyHello(int value) {
		}

		@JsonRpcMethod("notify_sum")
		void notifySum(int a, int b, int c) {
		}

		@JsonRpcMethod("get_data")
		List<Object> getData() {
			return List.of("hello", 5);
		}

		@JsonRpcMethod
		@Nullable Object echo(JsonRpcRequest request) {
			return request.params();
		}

		@JsonRpcMethod
		Point point(Point point) {
			return point;
		}

		@JsonRpcMethod
		Mono<String> later(String text) {
			return Mono.delay(Duration.ofMillis(20)).map((tick) -> text.toUpperCase());
		}

		@JsonRpcMethod
		CompletionStage<String> await(String gate) {
			return this.gates.computeIfAbsent(gate, (key) -> new CompletableFuture<>());
		}

		@JsonRpcMethod
		String release(String gate) {
			this.gates.computeIfAbsent(gate, (key) -> new CompletableFuture<>()).complete("released " + gate);
			return "ok";
		}

		@JsonRpcMethod
		void nothing() {
		}

		@JsonRpcMethod
		String fail() {
			throw new IllegalStateException("secret detail");
		}

		@JsonRpcMethod
		String refuse() {
			throw new JsonRpcException(-32001, "Refused", Map.of("reason", "closed"));
		}

		@JsonRpcMethod
		String transport(@Nullable Peer peer, @Nullable H3Event event) {
			return (peer != null) ? "websocket" : (event != null) ? "http " + event.method() : "none";
		}

		@JsonRpcMethod
		String notifyMe(Peer peer, String topic) {
			peer.send(JsonRpcNotification.of("hello", List.of("you")));
			this.hub.publish(topic, JsonRpcNotification.of("news", Map.of("text", "published")));
			return "sent";
		}

	}

	record Point(int x, int y) {
	}

}
