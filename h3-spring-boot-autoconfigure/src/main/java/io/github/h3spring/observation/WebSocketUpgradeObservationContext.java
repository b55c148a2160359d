package io.github.h3spring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of an {@link H3ObservationDocumentation#WEBSOCKET_UPGRADE} observation: the
 * handler and path of the request, and what became of it.
 */
public class WebSocketUpgradeObservationContext extends Observation.Context {

	private final String handler;

	private final String path;

	private boolean accepted;

	private @Nullable String rejectionReason;

	/**
	 * Creates the context of an upgrade request.
	 * @param handler the handler's bean name
	 * @param path the request's path
	 */
	public WebSocketUpgradeObservationContext(String handler, String path) {
		this.handler = handler;
		this.path = path;
	}

	/**
	 * Returns the handler's bean name.
	 * @return the bean name
	 */
	public String getHandler() {
		return this.handler;
	}

	/**
	 * Returns the request's path.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Returns whether the upgrade was accepted; {@code false} while it is being decided.
	 * @return whether the handshake was answered with {@code 101}
	 */
	public boolean isAccepted() {
		return this.accepted;
	}

	/**
	 * Records that the upgrade was accepted.
	 */
	public void setAccepted() {
		this.accepted = true;
	}

	/**
	 * Returns why the upgrade was refused, as the {@code reason} tag of
	 * {@code h3.websocket.upgrades} spells it.
	 * @return the reason, or {@code null} when it was not refused
	 */
	public @Nullable String getRejectionReason() {
		return this.rejectionReason;
	}

	/**
	 * Records that the upgrade was refused.
	 * @param reason why, as the {@code reason} tag of {@code h3.websocket.upgrades}
	 * spells it
	 */
	public void setRejectionReason(String reason) {
		this.rejectionReason = reason;
	}

}
