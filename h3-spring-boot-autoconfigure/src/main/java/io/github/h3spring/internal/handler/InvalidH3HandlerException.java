package io.github.h3spring.internal.handler;

/**
 * A start-up failure caused by an {@code @H3Handler} declaration, with what to change.
 */
public class InvalidH3HandlerException extends RuntimeException {

	private final String action;

	public InvalidH3HandlerException(String description, String action) {
		super(description);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
