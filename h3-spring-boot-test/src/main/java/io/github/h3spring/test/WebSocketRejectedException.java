package io.github.h3spring.test;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The server answered a WebSocket upgrade with an HTTP status other than 101, as an
 * {@code upgrade} hook that refuses does. It carries the whole refusal (status, headers
 * and body), so that a test asserts on it as it would on any HTTP response; an expected
 * refusal logs nothing.
 */
public class WebSocketRejectedException extends RuntimeException {

	/** How much of the body the message quotes. */
	private static final int MAX_QUOTED_BODY = 200;

	private final int status;

	private final HttpHeaders headers;

	private final String body;

	WebSocketRejectedException(int status, HttpHeaders headers, String body) {
		super("WebSocket upgrade refused with HTTP " + status + (body.isEmpty() ? "" : ": " + quote(body)));
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	private static String quote(String body) {
		return (body.length() > MAX_QUOTED_BODY) ? body.substring(0, MAX_QUOTED_BODY) + "..." : body;
	}

	/**
	 * Returns the HTTP status of the refusal.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the headers of the refusal.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Returns the body of the refusal, decoded as UTF-8, such as the body of
	 * {@code UpgradeResponse.reject(status, body)}.
	 * @return the body, empty when the refusal had none
	 */
	public String body() {
		return this.body;
	}

}
