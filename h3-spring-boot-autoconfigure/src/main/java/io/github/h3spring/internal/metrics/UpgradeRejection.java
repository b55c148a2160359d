package io.github.h3spring.internal.metrics;

/**
 * Why a WebSocket upgrade was refused, as the {@code reason} tag of
 * {@code h3.websocket.upgrades} spells it.
 */
public enum UpgradeRejection {

	/** The handshake was malformed: not a GET, wrong version, no key. */
	HANDSHAKE("handshake"),

	/** The browser's origin is not allowed. */
	ORIGIN("origin"),

	/** {@code h3.websocket.max-connections} connections are already open. */
	CAPACITY("capacity"),

	/** The application is shutting down. */
	SHUTDOWN("shutdown"),

	/** The {@code upgrade} hook refused it (a rejection or an {@code H3Exception}). */
	HOOK("hook"),

	/** The {@code upgrade} hook failed with an unexpected exception. */
	HOOK_ERROR("hook-error"),

	/** The hook selected a subprotocol the client did not offer. */
	SUBPROTOCOL("subprotocol");

	private final String tag;

	UpgradeRejection(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the tag value.
	 * @return the reason as it appears in metrics
	 */
	public String tag() {
		return this.tag;
	}

}
