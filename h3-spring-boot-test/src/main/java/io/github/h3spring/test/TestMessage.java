package io.github.h3spring.test;

import java.nio.charset.StandardCharsets;

/**
 * A message a {@link TestWebSocket} received.
 *
 * @param binary whether it came in a binary frame
 * @param bytes the payload
 */
public record TestMessage(boolean binary, byte[] bytes) {

	/**
	 * Returns the payload decoded as UTF-8.
	 * @return the text
	 */
	public String text() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.binary ? "binary[" + this.bytes.length + "]" : text();
	}

}
