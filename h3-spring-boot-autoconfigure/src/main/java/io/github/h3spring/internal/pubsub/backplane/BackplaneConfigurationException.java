package io.github.h3spring.internal.pubsub.backplane;

import io.github.h3spring.internal.diagnostics.ExplainedFailure;

/**
 * A backplane that cannot work as configured, whatever the number of attempts: a channel
 * name the server refuses, a server too old for the commands the backplane sends, a
 * driver missing from the class path. Retrying does not help, changing the configuration
 * does, so the failure carries what to change; a failure analyzer shows both at start-up.
 */
public class BackplaneConfigurationException extends ExplainedFailure {

	/**
	 * Creates an exception.
	 * @param description what is wrong, as a sentence
	 * @param action what to change, as a sentence
	 */
	public BackplaneConfigurationException(String description, String action) {
		super(description, action);
	}

}
