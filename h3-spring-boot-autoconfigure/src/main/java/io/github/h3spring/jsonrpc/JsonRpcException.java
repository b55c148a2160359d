package io.github.h3spring.jsonrpc;

import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC error: thrown from a {@link JsonRpcMethod} (or failing its {@code Mono} or
 * {@code CompletionStage}) it becomes the response's error object as it is, {@code code},
 * {@code message} and {@code data}.
 */
public class JsonRpcException extends RuntimeException {

	/** Invalid JSON was received. */
	public static final int PARSE_ERROR = -32700;

	/** The JSON sent is not a valid request object. */
	public static final int INVALID_REQUEST = -32600;

	/** The method does not exist or is not available. */
	public static final int METHOD_NOT_FOUND = -32601;

	/** Invalid method parameters. */
	public static final int INVALID_PARAMS = -32602;

	/** Internal JSON-RPC error. */
	public static final int INTERNAL_ERROR = -32603;

	private final int code;

	private final @Nullable Object data;

	/**
	 * Creates an error without data.
	 * @param code the error code; the specification reserves -32768 to -32000 for its own
	 * and for server errors (-32099 to -32000)
	 * @param message a short description, sent to the client
	 */
	public JsonRpcException(int code, String message) {
		this(code, message, null);
	}

	/**
	 * Creates an error.
	 * @param code the error code; the specification reserves -32768 to -32000 for its own
	 * and for server errors (-32099 to -32000)
	 * @param message a short description, sent to the client
	 * @param data more about the error, encoded as JSON, or {@code null} for none
	 */
	public JsonRpcException(int code, String message, @Nullable Object data) {
		super(message);
		this.code = code;
		this.data = data;
	}

	/**
	 * Returns the error code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the data of the error object.
	 * @return the data, {@code null} for none
	 */
	public @Nullable Object data() {
		return this.data;
	}

}
