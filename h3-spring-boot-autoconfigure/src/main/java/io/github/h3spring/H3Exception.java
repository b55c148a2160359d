package io.github.h3spring;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An HTTP error with a status, headers and a message, as h3's {@code HTTPError}. Thrown
 * from an {@link EventHandler} it becomes the response; thrown from an {@code upgrade}
 * hook it refuses the WebSocket upgrade with that status, headers and the message as
 * body.
 */
public class H3Exception extends RuntimeException {

	private final int status;

	private final HttpHeaders headers = new HttpHeaders();

	/**
	 * Creates an exception with a status and a message.
	 * @param status the HTTP status code, 400 to 599
	 * @param message the message, sent to the client
	 */
	public H3Exception(int status, String message) {
		this(status, message, null);
	}

	/**
	 * Creates an exception with a status, a message and a cause.
	 * @param status the HTTP status code, 400 to 599
	 * @param message the message, sent to the client
	 * @param cause the cause, logged but never sent
	 */
	public H3Exception(int status, String message, @Nullable Throwable cause) {
		super(message, cause);
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("H3Exception status must be 400 to 599 but was " + status);
		}
		this.status = status;
	}

	/**
	 * Creates an exception with a status and a message.
	 * @param status the HTTP status code, 400 to 599
	 * @param message the message, sent to the client
	 * @return the exception
	 */
	public static H3Exception of(int status, String message) {
		return new H3Exception(status, message);
	}

	/**
	 * Adds a response header.
	 * @param name the header name
	 * @param value the header value
	 * @return this exception
	 */
	public H3Exception header(String name, String value) {
		this.headers.add(name, value);
		return this;
	}

	/**
	 * Returns the HTTP status code.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the reason phrase of the status, or "Error" for an unknown code.
	 * @return the reason phrase
	 */
	public String statusText() {
		HttpStatus known = HttpStatus.resolve(this.status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/**
	 * Returns the response headers, mutable.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

}
