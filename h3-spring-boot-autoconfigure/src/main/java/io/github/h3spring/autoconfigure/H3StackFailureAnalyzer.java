package io.github.h3spring.autoconfigure;

import io.github.h3spring.autoconfigure.H3StackCheck.UnservedStackException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by {@code @H3Handler} beans on a web stack that no
 * transport of the starter serves, and what to change.
 */
class H3StackFailureAnalyzer extends AbstractFailureAnalyzer<UnservedStackException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnservedStackException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
