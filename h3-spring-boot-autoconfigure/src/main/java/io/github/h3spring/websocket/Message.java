package io.github.h3spring.websocket;

import java.nio.ByteBuffer;

import org.springframework.core.ParameterizedTypeReference;

/**
 * A complete WebSocket message received from a peer (fragmented messages arrive
 * assembled). The payload is copied off the network buffer, so a message can be kept
 * after the hook returns.
 */
public interface Message {

	/**
	 * Returns a random id for this message.
	 * @return the message id
	 */
	String id();

	/**
	 * Returns the peer that sent the message.
	 * @return the peer
	 */
	Peer peer();

	/**
	 * Returns whether this is a binary message.
	 * @return {@code true} for a binary frame, {@code false} for a text frame
	 */
	boolean isBinary();

	/**
	 * Returns the payload as text, decoded as UTF-8.
	 * @return the text
	 */
	String text();

	/**
	 * Returns the payload bytes (UTF-8 for a text message).
	 * @return a copy of the payload
	 */
	byte[] bytes();

	/**
	 * Returns the payload as a read-only buffer.
	 * @return the payload
	 */
	ByteBuffer byteBuffer();

	/**
	 * Reads the payload as JSON with the application's JSON codec, so that its Jackson
	 * settings apply.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the value, never {@code null}
	 * @throws MessageNotReadableException when the payload is not JSON, is JSON that does
	 * not fit the type, or is JSON {@code null}
	 */
	<T> T json(Class<T> type);

	/**
	 * Reads the payload as JSON into a generic type, such as a {@code List<ChatLine>}.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the value, never {@code null}
	 * @throws MessageNotReadableException when the payload is not JSON, is JSON that does
	 * not fit the type, or is JSON {@code null}
	 */
	<T> T json(ParameterizedTypeReference<T> type);

	/**
	 * Returns the text of the message.
	 * @return {@link #text()}
	 */
	@Override
	String toString();

}
