package io.github.h3spring.observation;

import io.github.h3spring.observation.H3ObservationDocumentation.CommonHighCardinalityKeyNames;
import io.github.h3spring.observation.H3ObservationDocumentation.HookKeyNames;
import io.github.h3spring.websocket.Peer;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WebSocketHookObservationConvention}: {@code h3.websocket.hook}, with
 * the handler, the hook and its outcome; the peer's id as a high cardinality key value.
 */
public class DefaultWebSocketHookObservationConvention implements WebSocketHookObservationConvention {

	private static final String NAME = "h3.websocket.hook";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebSocketHookObservationContext context) {
		return "websocket " + context.getHook() + " hook";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebSocketHookObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(HookKeyNames.HANDLER.withValue(context.getHandler()),
				HookKeyNames.HOOK.withValue(context.getHook()),
				HookKeyNames.OUTCOME.withValue((error != null) ? "error" : "success"),
				HookKeyNames.EXCEPTION.withValue((error != null) ? error.getClass().getSimpleName() : "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WebSocketHookObservationContext context) {
		Peer peer = context.getPeer();
		return KeyValues.of(CommonHighCardinalityKeyNames.PEER.withValue((peer != null) ? peer.id() : "none"));
	}

}
