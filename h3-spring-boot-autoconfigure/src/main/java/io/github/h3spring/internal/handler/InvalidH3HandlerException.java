package io.github.h3spring.internal.handler;

import io.github.h3spring.internal.diagnostics.ExplainedFailure;

/**
 * A start-up failure caused by an {@code @H3Handler} declaration, with what to change.
 */
public class InvalidH3HandlerException extends ExplainedFailure {

	public InvalidH3HandlerException(String description, String action) {
		super(description, action);
	}

}
