package io.github.h3spring.jsonrpc;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC notification from the server to a client: given to {@code peer.send},
 * {@code peer.publish} or {@code WebSocketHub.publish}, it is sent as
 * {@code {"jsonrpc":"2.0","method":...,"params":...}} ({@code params} left out when
 * {@code null}), encoded once for every recipient of a publish.
 */
public final class JsonRpcNotification {

	private final String method;

	private final @Nullable Object params;

	private JsonRpcNotification(String method, @Nullable Object params) {
		this.method = Objects.requireNonNull(method, "method must not be null");
		this.params = params;
	}

	/**
	 * Creates a notification without params.
	 * @param method the method name
	 * @return the notification
	 */
	public static JsonRpcNotification of(String method) {
		return new JsonRpcNotification(method, null);
	}

	/**
	 * Creates a notification.
	 * @param method the method name
	 * @param params the params: a {@code List}, a {@code Map} or an object that the
	 * application's JSON mapper writes as a JSON array or object; {@code null} for none
	 * @return the notification
	 */
	public static JsonRpcNotification of(String method, @Nullable Object params) {
		return new JsonRpcNotification(method, params);
	}

	/**
	 * Returns the method name.
	 * @return the method name
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Returns the params.
	 * @return the params, {@code null} for none
	 */
	public @Nullable Object params() {
		return this.params;
	}

	@Override
	public String toString() {
		return "JsonRpcNotification[method=" + this.method + ", params=" + this.params + "]";
	}

}
