package io.github.h3spring.observation;

import io.github.h3spring.observation.H3ObservationDocumentation.EventStreamKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link EventStreamObservationConvention}: {@code h3.sse.stream}, with how
 * the stream ended.
 */
public class DefaultEventStreamObservationConvention implements EventStreamObservationConvention {

	private static final String NAME = "h3.sse.stream";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(EventStreamObservationContext context) {
		return "sse stream";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EventStreamObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of(EventStreamKeyNames.OUTCOME.withValue((outcome != null) ? outcome : "open"));
	}

}
