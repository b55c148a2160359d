package io.github.h3spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of {@link H3ObservationDocumentation#WEBSOCKET_UPGRADE}
 * observations. Declare a bean of this type to replace
 * {@link DefaultWebSocketUpgradeObservationConvention}, or extend that class to add key
 * values.
 */
public interface WebSocketUpgradeObservationConvention
		extends ObservationConvention<WebSocketUpgradeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebSocketUpgradeObservationContext;
	}

}
