package io.github.h3spring.jsonrpc;

import org.jspecify.annotations.Nullable;

/**
 * One JSON-RPC request as received, for a {@link JsonRpcMethod} that takes it as a
 * parameter.
 */
public interface JsonRpcRequest {

	/**
	 * Returns the method name.
	 * @return the method name
	 */
	String method();

	/**
	 * Returns the params as decoded: a {@code List} (positional) or a {@code Map}
	 * (named).
	 * @return the params, {@code null} when the request has none
	 */
	@Nullable Object params();

	/**
	 * Returns the id: a {@code String}, a {@code Number} or {@code null}.
	 * @return the id, {@code null} for a notification or a {@code null} id
	 */
	@Nullable Object id();

	/**
	 * Returns whether the request is a notification (it has no {@code id}), which gets no
	 * response.
	 * @return whether no response is sent
	 */
	boolean isNotification();

	/**
	 * Converts the params with the application's JSON mapper, for example named params
	 * into a record.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the params, {@code null} when the request has none
	 * @throws JsonRpcException {@code -32602 Invalid params} when they do not fit the
	 * type
	 */
	<T> @Nullable T params(Class<T> type);

}
