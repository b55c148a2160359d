package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.handler.InvalidH3HandlerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by an invalid {@code @H3Handler} and what to change.
 */
class H3HandlerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidH3HandlerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidH3HandlerException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
