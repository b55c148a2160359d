package io.github.h3spring.internal.jsonrpc;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.h3spring.jsonrpc.JsonRpcNotification;
import org.jspecify.annotations.Nullable;

/**
 * The JSON-RPC 2.0 objects the server writes, members in the specification's order.
 */
public final class JsonRpcMessages {

	private static final String VERSION = "2.0";

	private JsonRpcMessages() {
	}

	static Map<String, @Nullable Object> result(@Nullable Object id, @Nullable Object result) {
		Map<String, @Nullable Object> response = new LinkedHashMap<>(4);
		response.put("jsonrpc", VERSION);
		response.put("result", result);
		response.put("id", id);
		return response;
	}

	static Map<String, @Nullable Object> error(@Nullable Object id, int code, String message, @Nullable Object data) {
		Map<String, @Nullable Object> error = new LinkedHashMap<>(4);
		error.put("code", code);
		error.put("message", message);
		if (data != null) {
			error.put("data", data);
		}
		Map<String, @Nullable Object> response = new LinkedHashMap<>(4);
		response.put("jsonrpc", VERSION);
		response.put("error", error);
		response.put("id", id);
		return response;
	}

	/**
	 * The wire shape of a notification the server sends, {@code params} left out when it
	 * has none.
	 */
	public static Map<String, Object> notification(JsonRpcNotification notification) {
		Map<String, Object> message = new LinkedHashMap<>(4);
		message.put("jsonrpc", VERSION);
		message.put("method", notification.method());
		Object params = notification.params();
		if (params != null) {
			message.put("params", params);
		}
		return message;
	}

}
