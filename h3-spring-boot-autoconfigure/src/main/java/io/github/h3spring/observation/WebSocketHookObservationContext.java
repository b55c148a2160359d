package io.github.h3spring.observation;

import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of an {@link H3ObservationDocumentation#WEBSOCKET_HOOK} observation: which
 * hook of which handler runs for which peer.
 */
public class WebSocketHookObservationContext extends Observation.Context {

	private final String handler;

	private final String hook;

	private final UpgradeRequest request;

	private final @Nullable Peer peer;

	/**
	 * Creates the context of a hook call.
	 * @param handler the handler's bean name
	 * @param hook the hook's name: {@code upgrade}, {@code open}, {@code message}, ...
	 * @param request the upgrade request of the connection
	 * @param peer the peer, or {@code null} for the {@code upgrade} hook
	 */
	public WebSocketHookObservationContext(String handler, String hook, UpgradeRequest request, @Nullable Peer peer) {
		this.handler = handler;
		this.hook = hook;
		this.request = request;
		this.peer = peer;
	}

	/**
	 * Returns the handler's bean name.
	 * @return the bean name
	 */
	public String getHandler() {
		return this.handler;
	}

	/**
	 * Returns the hook's name, as the method of {@code WebSocketHooks} is called.
	 * @return the name
	 */
	public String getHook() {
		return this.hook;
	}

	/**
	 * Returns the upgrade request of the connection.
	 * @return the request
	 */
	public UpgradeRequest getRequest() {
		return this.request;
	}

	/**
	 * Returns the peer the hook runs for.
	 * @return the peer, or {@code null} for the {@code upgrade} hook
	 */
	public @Nullable Peer getPeer() {
		return this.peer;
	}

}
