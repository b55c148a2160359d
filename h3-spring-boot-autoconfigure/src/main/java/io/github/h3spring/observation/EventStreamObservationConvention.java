package io.github.h3spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of {@link H3ObservationDocumentation#EVENT_STREAM}
 * observations. Declare a bean of this type to replace
 * {@link DefaultEventStreamObservationConvention}, or extend that class to add key
 * values.
 */
public interface EventStreamObservationConvention extends ObservationConvention<EventStreamObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EventStreamObservationContext;
	}

}
