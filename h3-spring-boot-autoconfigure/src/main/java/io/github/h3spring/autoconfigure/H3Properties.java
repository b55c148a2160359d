package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
		 * Whether to offer permessage-deflate compression to clients. Inflated messages are
		 * held to the max-message-size.
		 */
		private boolean compression = true;

		/**
		 * Time without any frame from a peer after which it is dropped (close code 1006). The
		 * server pings a quiet peer half-way through. Zero disables the liveness check.
		 */
		private Duration idleTimeout = Duration.ofSeconds(30);

		/**
		 * Most open WebSocket connections; further upgrades are refused with 503. Unlimited
		 * when not set.
		 */
		private @Nullable Integer maxConnections;

		/**
		 * Origins of browser pages allowed to connect besides the server's own, as patterns
		 * such as https://*.example.com or http://localhost:[*]; "*" allows every origin.
		 * Requests without an Origin header (non-browser clients) are always allowed.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

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
