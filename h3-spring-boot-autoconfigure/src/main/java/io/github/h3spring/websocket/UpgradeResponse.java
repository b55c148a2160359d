package io.github.h3spring.websocket;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The answer of an {@code upgrade} hook: accept, optionally with headers for the
 * {@code 101 Switching Protocols} response (such as {@code Set-Cookie}), a subprotocol
 * and a namespace; or refuse with a status, headers and a body. <pre class="code">
 * return UpgradeResponse.accept().protocol("chat.v2").header("Set-Cookie", "seen=1");
 * return UpgradeResponse.reject(401, "Unauthorized").header("WWW-Authenticate", "Bearer");
 * </pre>
 */
public final class UpgradeResponse {

	private final boolean accepted;

	private final int status;

	private final String body;

	private final HttpHeaders headers = new HttpHeaders();

	private @Nullable String protocol;

	private @Nullable String namespace;

	private UpgradeResponse(boolean accepted, int status, String body) {
		this.accepted = accepted;
		this.status = status;
		this.body = body;
	}

	/**
	 * Accepts the upgrade.
	 * @return a response that accepts
	 */
	public static UpgradeResponse accept() {
		return new UpgradeResponse(true, 101, "");
	}

	/**
	 * Refuses the upgrade with a plain HTTP response.
	 * @param status the HTTP status, 400 to 599
	 * @param body the response body, sent as {@code text/plain}
	 * @return a response that refuses
	 */
	public static UpgradeResponse reject(int status, String body) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("Rejection status must be 400 to 599 but was " + status);
		}
		return new UpgradeResponse(false, status, (body != null) ? body : "");
	}

	/**
	 * Adds a header to the response: the {@code 101} when accepting, the error response
	 * when refusing. A {@code Sec-WebSocket-Protocol} header selects the subprotocol, as
	 * {@link #protocol(String)}.
	 * @param name the header name
	 * @param value the header value
	 * @return this response
	 */
	public UpgradeResponse header(String name, String value) {
		if ("Sec-WebSocket-Protocol".equalsIgnoreCase(name)) {
			return protocol(value);
		}
		this.headers.add(name, value);
		return this;
	}

	/**
	 * Selects the subprotocol, which must be one the client offered. Without one, the
	 * first subprotocol the client offered is selected.
	 * @param protocol the subprotocol
	 * @return this response
	 */
	public UpgradeResponse protocol(String protocol) {
		this.protocol = protocol;
		return this;
	}

	/**
	 * Sets the pub/sub namespace of the peer, instead of the handler's path pattern.
	 * @param namespace the namespace
	 * @return this response
	 */
	public UpgradeResponse namespace(String namespace) {
		this.namespace = namespace;
		return this;
	}

	/**
	 * Returns whether the upgrade is accepted.
	 * @return {@code true} when accepted
	 */
	public boolean isAccepted() {
		return this.accepted;
	}

	/**
	 * Returns the status: {@code 101} when accepted, otherwise the rejection status.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the body of a rejection.
	 * @return the body, empty when accepted
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Returns the headers added so far.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Returns the selected subprotocol.
	 * @return the subprotocol, or {@code null} when none was selected
	 */
	public @Nullable String protocol() {
		return this.protocol;
	}

	/**
	 * Returns the selected namespace.
	 * @return the namespace, or {@code null} for the handler's path pattern
	 */
	public @Nullable String namespace() {
		return this.namespace;
	}

}
