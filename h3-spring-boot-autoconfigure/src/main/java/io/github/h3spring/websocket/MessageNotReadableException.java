package io.github.h3spring.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by the {@code json} methods of {@link Message} when the payload cannot be read
 * as the requested type: it is not JSON (an empty payload included), it is JSON of
 * another shape (an array for an object, a string for a number), or it is JSON
 * {@code null}, which is no value of a type. The cause, when there is one, is the
 * decoder's exception. An {@link IllegalArgumentException}, so that code written against
 * the earlier contract still catches it. Left to propagate from a hook, it reaches the
 * {@code error} hook like any other exception, and the connection stays open.
 */
public class MessageNotReadableException extends IllegalArgumentException {

	/**
	 * Creates an exception with a message and the decoder's exception.
	 * @param message what could not be read, and why
	 * @param cause the decoder's exception, or {@code null}
	 */
	public MessageNotReadableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
