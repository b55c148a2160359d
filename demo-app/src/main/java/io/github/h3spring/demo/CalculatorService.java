package io.github.h3spring.demo;

import java.util.Map;

import io.github.h3spring.H3Handler;
import io.github.h3spring.jsonrpc.JsonRpcException;
import io.github.h3spring.jsonrpc.JsonRpcMethod;
import io.github.h3spring.jsonrpc.JsonRpcNotification;
import io.github.h3spring.jsonrpc.JsonRpcService;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import io.github.h3spring.websocket.WebSocketHub;

/**
 * A JSON-RPC calculator on {@code /calc}, over HTTP {@code POST} and WebSocket: every
 * computation is announced to the open sockets as a {@code computed} notification.
 */
@H3Handler("/calc")
class CalculatorService implements JsonRpcService, WebSocketHooks {

	private static final String TOPIC = "computed";

	private final WebSocketHub hub;

	CalculatorService(WebSocketHub hub) {
		this.hub = hub;
	}

	@Override
	public void open(Peer peer) {
		peer.subscribe(TOPIC);
	}

	@JsonRpcMethod
	double add(double a, double b) {
		return announce("add", a, b, a + b);
	}

	@JsonRpcMethod
	double subtract(double a, double b) {
		return announce("subtract", a, b, a - b);
	}

	@JsonRpcMethod
	double multiply(double a, double b) {
		return announce("multiply", a, b, a * b);
	}

	@JsonRpcMethod
	double divide(double a, double b) {
		if (b == 0) {
			throw new JsonRpcException(-32000, "Division by zero", Map.of("a", a));
		}
		return announce("divide", a, b, a / b);
	}

	private double announce(String operation, double a, double b, double result) {
		this.hub.publish(TOPIC,
				JsonRpcNotification.of(TOPIC, Map.of("operation", operation, "a", a, "b", b, "result", result)));
		return result;
	}

}
