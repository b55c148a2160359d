package io.github.h3spring.observation;

import io.github.h3spring.observation.H3ObservationDocumentation.CommonHighCardinalityKeyNames;
import io.github.h3spring.observation.H3ObservationDocumentation.EventHandlerKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link EventHandlerObservationConvention}: {@code h3.http.handler}, with
 * the handler, the HTTP method and the outcome; the request's path as a high cardinality
 * key value.
 */
public class DefaultEventHandlerObservationConvention implements EventHandlerObservationConvention {

	private static final String NAME = "h3.http.handler";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(EventHandlerObservationContext context) {
		return "h3 handler " + context.getHandler();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EventHandlerObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(EventHandlerKeyNames.HANDLER.withValue(context.getHandler()),
				EventHandlerKeyNames.METHOD.withValue(context.getEvent().method().name()),
				EventHandlerKeyNames.OUTCOME.withValue((error != null) ? "error" : "success"),
				EventHandlerKeyNames.EXCEPTION.withValue((error != null) ? error.getClass().getSimpleName() : "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EventHandlerObservationContext context) {
		return KeyValues.of(CommonHighCardinalityKeyNames.PATH.withValue(context.getEvent().path()));
	}

}
