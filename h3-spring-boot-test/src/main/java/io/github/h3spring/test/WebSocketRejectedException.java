package io.github.h3spring.test;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The server answered a WebSocket upgrade with an HTTP status other than 101.
 */
public class WebSocketRejectedException extends RuntimeException {

	private final int status;

	private final HttpHeaders headers;

	WebSocketRejectedException(int status, HttpHeaders headers, Throwable cause) {
		super("WebSocket upgrade refused with HTTP " + status, cause);
		this.status = status;
		this.headers = headers;
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

}
