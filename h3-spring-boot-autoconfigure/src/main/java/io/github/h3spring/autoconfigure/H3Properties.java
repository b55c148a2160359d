package io.github.h3spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of h3 WebSocket and Server-Sent Events handlers.
 */
@ConfigurationProperties("h3")
public class H3Properties {

	/**
	 * Whether to serve @H3Handler beans.
	 */
	private boolean enabled = true;

	private final WebSocket websocket = new WebSocket();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public WebSocket getWebsocket() {
		return this.websocket;
	}

	/**
	 * WebSocket limits and options.
	 */
	public static class WebSocket {

		/**
		 * Largest message accepted from a client, fragmented messages counted whole. Larger
		 * messages close the connection with 1009.
		 */
		private DataSize maxMessageSize = DataSize.ofKilobytes(64);

		/**
		 * Most bytes queued for one peer that does not read fast enough. Beyond it, the peer
		 * is closed with 1008.
		 */
		private DataSize sendBufferLimit = DataSize.ofMegabytes(1);

		/**
		 * Whether to offer permessage-deflate compression to clients.
		 */
		private boolean compression = true;

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public DataSize getSendBufferLimit() {
			return this.sendBufferLimit;
		}

		public void setSendBufferLimit(DataSize sendBufferLimit) {
			this.sendBufferLimit = sendBufferLimit;
		}

		public boolean isCompression() {
			return this.compression;
		}

		public void setCompression(boolean compression) {
			this.compression = compression;
		}

	}

}
