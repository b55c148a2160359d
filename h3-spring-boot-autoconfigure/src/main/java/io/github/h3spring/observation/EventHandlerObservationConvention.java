package io.github.h3spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of {@link H3ObservationDocumentation#EVENT_HANDLER}
 * observations. Declare a bean of this type to replace
 * {@link DefaultEventHandlerObservationConvention}, or extend that class to add key
 * values.
 */
public interface EventHandlerObservationConvention extends ObservationConvention<EventHandlerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EventHandlerObservationContext;
	}

}
