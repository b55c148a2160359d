package io.github.h3spring.internal.jsonrpc;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.jsonrpc.JsonRpcException;
import io.github.h3spring.jsonrpc.JsonRpcRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * A valid request object, its params converted on demand with the application's JSON
 * mapper.
 */
final class DefaultJsonRpcRequest implements JsonRpcRequest {

	private final String method;

	private final @Nullable Object params;

	private final @Nullable Object id;

	private final boolean notification;

	private final JsonCodec json;

	DefaultJsonRpcRequest(String method, @Nullable Object params, @Nullable Object id, boolean notification,
			JsonCodec json) {
		this.method = method;
		this.params = params;
		this.id = id;
		this.notification = notification;
		this.json = json;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public @Nullable Object params() {
		return this.params;
	}

	@Override
	public @Nullable Object id() {
		return this.id;
	}

	@Override
	public boolean isNotification() {
		return this.notification;
	}

	@Override
	public <T> @Nullable T params(Class<T> type) {
		if (this.params == null) {
			return null;
		}
		try {
			return this.json.convert(this.params, ResolvableType.forClass(type));
		}
		catch (RuntimeException ex) {
			throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "Invalid params",
					"params do not fit " + type.getSimpleName());
		}
	}

	@Override
	public String toString() {
		return "JsonRpcRequest[method=" + this.method + ", id=" + this.id + "]";
	}

}
