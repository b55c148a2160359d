package io.github.h3spring.observation;

import io.github.h3spring.observation.H3ObservationDocumentation.CommonHighCardinalityKeyNames;
import io.github.h3spring.observation.H3ObservationDocumentation.UpgradeKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WebSocketUpgradeObservationConvention}:
 * {@code h3.websocket.upgrade}, with the handler, the outcome and the reason of a refusal
 * as {@code h3.websocket.upgrades} counts them.
 */
public class DefaultWebSocketUpgradeObservationConvention implements WebSocketUpgradeObservationConvention {

	private static final String NAME = "h3.websocket.upgrade";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebSocketUpgradeObservationContext context) {
		return "websocket upgrade";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebSocketUpgradeObservationContext context) {
		String reason = context.getRejectionReason();
		return KeyValues.of(UpgradeKeyNames.HANDLER.withValue(context.getHandler()),
				UpgradeKeyNames.OUTCOME.withValue((context.isAccepted() && reason == null) ? "accepted" : "rejected"),
				UpgradeKeyNames.REASON.withValue((reason != null) ? reason : "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WebSocketUpgradeObservationContext context) {
		return KeyValues.of(CommonHighCardinalityKeyNames.PATH.withValue(context.getPath()));
	}

}
