package io.github.h3spring.internal.metrics;

import java.util.Locale;

/**
 * Records JSON-RPC calls. {@link #called} runs once per request: implementations must not
 * block there.
 */
public interface JsonRpcMetrics {

	/** Records nothing. */
	JsonRpcMetrics NONE = (method, outcome, nanos) -> {
	};

	/** The method tag of requests that name no method of the service. */
	String UNKNOWN_METHOD = "UNKNOWN";

	/**
	 * A request was answered (or, for a notification, handled).
	 * @param method the method name, or {@link #UNKNOWN_METHOD}
	 * @param outcome how it ended
	 * @param nanos how long the method took, 0 when none ran
	 */
	void called(String method, Outcome outcome, long nanos);

	/** How a call ended, the {@code outcome} tag. */
	enum Outcome {

		/** The method returned. */
		SUCCESS,

		/** The method threw a {@code JsonRpcException} of its own. */
		ERROR,

		/** The params did not bind ({@code -32602}). */
		INVALID_PARAMS,

		/** The method failed otherwise ({@code -32603}). */
		INTERNAL_ERROR,

		/** No such method ({@code -32601}). */
		METHOD_NOT_FOUND,

		/** Not a valid request object ({@code -32600}). */
		INVALID_REQUEST,

		/** Not JSON ({@code -32700}). */
		PARSE_ERROR;

		/** The tag value. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
