package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.pubsub.backplane.BackplaneConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a backplane that cannot work as configured (a
 * missing driver, a channel name the server refuses, a server too old) and what to change,
 * instead of a stack trace with the reason several causes down.
 */
class H3BackplaneFailureAnalyzer extends AbstractFailureAnalyzer<BackplaneConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BackplaneConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
