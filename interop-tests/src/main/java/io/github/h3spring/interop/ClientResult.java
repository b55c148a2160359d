package io.github.h3spring.interop;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one independent client's socket saw: the messages in order of arrival (binary ones
 * as {@code binary:<length>}), the close code and reason, whether the close was clean (a
 * Close frame each way before the TCP connection ended) and the negotiated extensions.
 *
 * @param messages the messages received
 * @param code the close code
 * @param reason the close reason
 * @param wasClean whether the closing handshake completed
 * @param extensions the {@code Sec-WebSocket-Extensions} the server accepted
 */
public record ClientResult(List<String> messages, int code, String reason, boolean wasClean,
		@Nullable String extensions) {

	/**
	 * Returns the negotiated extension without its parameters, empty when there is none.
	 * @return the extension's name
	 */
	public String extensionName() {
		String negotiated = (this.extensions != null) ? this.extensions : "";
		int parameters = negotiated.indexOf(';');
		return ((parameters < 0) ? negotiated : negotiated.substring(0, parameters)).trim();
	}

}
