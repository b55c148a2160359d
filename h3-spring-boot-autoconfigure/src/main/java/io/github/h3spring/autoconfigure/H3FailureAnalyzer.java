package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.diagnostics.ExplainedFailure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up failure that explains itself — an invalid {@code @H3Handler}, a
 * backplane that cannot work as configured, handlers on a web stack no transport serves —
 * as what is wrong and what to change, instead of a stack trace with the reason several
 * causes down.
 */
class H3FailureAnalyzer extends AbstractFailureAnalyzer<ExplainedFailure> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ExplainedFailure cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
