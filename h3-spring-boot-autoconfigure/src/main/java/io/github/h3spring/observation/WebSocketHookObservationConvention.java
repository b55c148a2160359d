package io.github.h3spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of {@link H3ObservationDocumentation#WEBSOCKET_HOOK}
 * observations. Declare a bean of this type to replace
 * {@link DefaultWebSocketHookObservationConvention}, or extend that class to add key
 * values.
 */
public interface WebSocketHookObservationConvention extends ObservationConvention<WebSocketHookObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebSocketHookObservationContext;
	}

}
