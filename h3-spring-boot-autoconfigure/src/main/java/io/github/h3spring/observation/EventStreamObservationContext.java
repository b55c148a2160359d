package io.github.h3spring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of an {@link H3ObservationDocumentation#EVENT_STREAM} observation: how the
 * stream ended.
 */
public class EventStreamObservationContext extends Observation.Context {

	private @Nullable String outcome;

	/**
	 * Returns how the stream ended: {@code closed}, {@code client-gone} or
	 * {@code overflow}.
	 * @return the outcome, or {@code null} while the stream is open
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Records how the stream ended.
	 * @param outcome {@code closed}, {@code client-gone} or {@code overflow}
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
