package io.github.h3spring.websocket;

/**
 * How a WebSocket connection ended.
 *
 * @param code the close code: the client's, {@code 1005} when its close frame had none,
 * or {@code 1006} when the connection dropped without a close frame
 * @param reason the close reason, empty when none was given
 */
public record CloseEvent(int code, String reason) {

	/** Normal closure. */
	public static final int NORMAL = 1000;

	/** The server is going away (shutdown). */
	public static final int GOING_AWAY = 1001;

	/** The close frame carried no status code. */
	public static final int NO_STATUS = 1005;

	/** The connection dropped without a close frame. */
	public static final int ABNORMAL = 1006;

	/**
	 * Creates a close event; a {@code null} reason becomes empty.
	 */
	public CloseEvent {
		reason = (reason != null) ? reason : "";
	}

}
