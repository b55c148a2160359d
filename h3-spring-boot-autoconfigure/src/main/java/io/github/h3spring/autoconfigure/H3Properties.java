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

	private final Sse sse = new Sse();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public WebSocket getWebsocket() {
		return this.websocket;
	}

	public Sse getSse() {
		return this.sse;
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

	/**
	 * Server-Sent Events options.
	 */
	public static class Sse {

		/**
		 * Interval of the comment heartbeat written to a stream that sent nothing else
		 * meanwhile, so that proxies and load balancers keep idle streams open. 0 disables it.
		 */
		private Duration keepAlive = Duration.ofSeconds(15);

		/**
		 * Reconnection delay sent to clients once at the start of every stream. When unset,
		 * browsers keep their own default (about 3 seconds).
		 */
		private @Nullable Duration retry;

		/**
		 * Most bytes queued for one stream whose client does not read fast enough (or that
		 * stays paused). Beyond it, the stream is closed and the reason logged.
		 */
		private DataSize sendBufferLimit = DataSize.ofKilobytes(256);

		/**
		 * Events kept per topic, and per replay key, for clients that reconnect with
		 * Last-Event-ID. 0 disables resume: topic events then carry no id.
		 */
		private int replayBufferSize = 100;

		/**
		 * How long a topic's or a replay key's buffer is kept after its last stream closed,
		 * so that a client reconnecting meanwhile still resumes.
		 */
		private Duration replayTimeToLive = Duration.ofMinutes(1);

		public Duration getKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(Duration keepAlive) {
			this.keepAlive = keepAlive;
		}

		public @Nullable Duration getRetry() {
			return this.retry;
		}

		public void setRetry(@Nullable Duration retry) {
			this.retry = retry;
		}

		public DataSize getSendBufferLimit() {
			return this.sendBufferLimit;
		}

		public void setSendBufferLimit(DataSize sendBufferLimit) {
			this.sendBufferLimit = sendBufferLimit;
		}

		public int getReplayBufferSize() {
			return this.replayBufferSize;
		}

		public void setReplayBufferSize(int replayBufferSize) {
			this.replayBufferSize = replayBufferSize;
		}

		public Duration getReplayTimeToLive() {
			return this.replayTimeToLive;
		}

		public void setReplayTimeToLive(Duration replayTimeToLive) {
			this.replayTimeToLive = replayTimeToLive;
		}

	}

}
