package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of h3 WebSocket, Server-Sent Events and JSON-RPC handlers.
 */
@ConfigurationProperties("h3")
public class H3Properties implements InitializingBean {

	/**
	 * Whether to serve @H3Handler beans.
	 */
	private boolean enabled = true;

	private final WebSocket websocket = new WebSocket();

	private final Sse sse = new Sse();

	private final Pubsub pubsub = new Pubsub();

	private final Jsonrpc jsonrpc = new Jsonrpc();

	private final Observations observations = new Observations();

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

	public Pubsub getPubsub() {
		return this.pubsub;
	}

	public Jsonrpc getJsonrpc() {
		return this.jsonrpc;
	}

	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Checks the bound values, so that one the runtime cannot work with (a zero size, a
	 * negative duration) fails the start-up naming the property, instead of starting and
	 * failing later, request by request.
	 * @throws IllegalStateException listing every invalid value
	 */
	@Override
	public void afterPropertiesSet() {
		H3PropertiesValidator.validate(this);
	}

	/**
	 * WebSocket limits and options.
	 */
	public static class WebSocket {

		/**
		 * Largest message accepted from a client, fragmented messages counted whole.
		 * Larger messages close the connection with 1009.
		 */
		private DataSize maxMessageSize = DataSize.ofKilobytes(64);

		/**
		 * Most bytes queued for one peer that does not read fast enough. Beyond it, the
		 * peer is closed with 1008.
		 */
		private DataSize sendBufferLimit = DataSize.ofMegabytes(1);

		/**
		 * Whether to offer permessage-deflate compression to clients. Inflated messages
		 * are held to the max-message-size.
		 */
		private boolean compression = true;

		/**
		 * Time without any frame from a peer after which it is dropped (close code 1006).
		 * The server pings a quiet peer half-way through. Zero disables the liveness
		 * check.
		 */
		private Duration idleTimeout = Duration.ofSeconds(30);

		/**
		 * Most open WebSocket connections; further upgrades are refused with 503.
		 * Unlimited when not set.
		 */
		private @Nullable Integer maxConnections;

		/**
		 * Origins of browser pages allowed to connect besides the server's own, as
		 * patterns such as https://*.example.com or http://localhost:[*]; "*" allows
		 * every origin. A leading "*." matches one or more labels, any other "*"
		 * characters within one label. Requests without an Origin header (non-browser
		 * clients) are always allowed.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Host names this application answers WebSocket upgrades for, such as localhost
		 * or *.intranet.example; upgrades naming another host in their Host header are
		 * refused with 403. Set it when the application is reachable on a private
		 * address, so that a DNS-rebinding page cannot pass for the same origin. Any host
		 * when empty.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		/**
		 * Longest time a client may take to send a complete request head, the WebSocket
		 * upgrade included, counted from the connection's accept and from the end of the
		 * previous response; slower (or idle keep-alive) connections are closed. Applies
		 * on Reactor Netty, and on Jetty to the first request of a connection; not on
		 * Tomcat. Zero disables the deadline.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

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
		 * meanwhile, so that proxies and load balancers keep idle streams open. 0
		 * disables it.
		 */
		private Duration keepAlive = Duration.ofSeconds(15);

		/**
		 * Reconnection delay sent to clients once at the start of every stream. When
		 * unset, browsers keep their own default (about 3 seconds).
		 */
		private @Nullable Duration retry;

		/**
		 * Most bytes queued for one stream whose client does not read fast enough (or
		 * that stays paused). Beyond it, the stream is closed and the reason logged.
		 */
		private DataSize sendBufferLimit = DataSize.ofKilobytes(256);

		/**
		 * Events kept per topic, and per replay key, for clients that reconnect with
		 * Last-Event-ID. 0 disables resume: topic events then carry no id.
		 */
		private int replayBufferSize = 100;

		/**
		 * How long a topic's or a replay key's buffer is kept after its last stream
		 * closed, so that a client reconnecting meanwhile still resumes.
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

	/**
	 * Micrometer observations, made when the application has an ObservationRegistry.
	 */
	public static class Observations {

		/**
		 * Whether to observe WebSocket upgrades and hook calls, EventHandler calls and
		 * event streams.
		 */
		private boolean enabled = true;

		/**
		 * Whether to observe every WebSocket hook call (h3.websocket.hook), each
		 * message's included. Off, hooks run outside any observation of their own, and a
		 * message costs nothing more than its hook.
		 */
		private boolean websocketHooks = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isWebsocketHooks() {
			return this.websocketHooks;
		}

		public void setWebsocketHooks(boolean websocketHooks) {
			this.websocketHooks = websocketHooks;
		}

	}

	/**
	 * JSON-RPC services.
	 */
	public static class Jsonrpc {

		/**
		 * Most requests in one batch; a larger batch is answered with one -32600 Invalid
		 * Request error.
		 */
		private int maxBatchSize = 50;

		/**
		 * Origins of browser pages allowed to call JSON-RPC services over HTTP besides
		 * the server's own, as patterns such as https://*.example.com or
		 * http://localhost:[*]; "*" allows every origin. Requests without an Origin
		 * header (non-browser clients) are always allowed. The WebSocket side follows
		 * h3.websocket.allowed-origins.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

	}

	/**
	 * Pub/sub across application instances.
	 */
	public static class Pubsub {

		/**
		 * Backplane that carries publishes to the other instances of the application. A
		 * SyncDriver bean of the application's own replaces it.
		 */
		private Sync sync = Sync.NONE;

		/**
		 * Channel shared by the instances of one application: the Redis channel (and the
		 * stream "<channel>:log"), or the PostgreSQL notification channel.
		 */
		private String channel = "h3";

		/**
		 * Most publishes kept while the backplane is unreachable, sent on reconnection.
		 * Publishes beyond it are dropped for the other instances, counted and logged.
		 */
		private int outboxCapacity = 10_000;

		/**
		 * Most bytes of publishes kept while the backplane is unreachable, sent on
		 * reconnection. Publishes beyond it, or larger than it, are dropped for the other
		 * instances, counted and logged.
		 */
		private DataSize outboxMemoryLimit = DataSize.ofMegabytes(64);

		/**
		 * How long the backplane keeps published messages, so that an instance that lost
		 * its connection receives what it missed when it reconnects.
		 */
		private Duration replayWindow = Duration.ofMinutes(1);

		/**
		 * Delay before the first reconnection attempt, doubled after each failure.
		 */
		private Duration initialBackoff = Duration.ofMillis(100);

		/**
		 * Longest delay between reconnection attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * Longest time one connection attempt may take, and that stopping waits for the
		 * publishes still in the outbox.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Whether start-up fails when the backplane cannot be reached within the connect
		 * timeout, rather than starting and connecting in the background.
		 */
		private boolean failFast;

		public Sync getSync() {
			return this.sync;
		}

		public void setSync(Sync sync) {
			this.sync = sync;
		}

		public String getChannel() {
			return this.channel;
		}

		public void setChannel(String channel) {
			this.channel = channel;
		}

		public int getOutboxCapacity() {
			return this.outboxCapacity;
		}

		public void setOutboxCapacity(int outboxCapacity) {
			this.outboxCapacity = outboxCapacity;
		}

		public DataSize getOutboxMemoryLimit() {
			return this.outboxMemoryLimit;
		}

		public void setOutboxMemoryLimit(DataSize outboxMemoryLimit) {
			this.outboxMemoryLimit = outboxMemoryLimit;
		}

		public Duration getReplayWindow() {
			return this.replayWindow;
		}

		public void setReplayWindow(Duration replayWindow) {
			this.replayWindow = replayWindow;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		/**
		 * Backplanes.
		 */
		public enum Sync {

			/**
			 * Publishes stay on the instance that made them.
			 */
			NONE,

			/**
			 * Redis pub/sub over the connection of spring.data.redis.*.
			 */
			REDIS,

			/**
			 * PostgreSQL LISTEN/NOTIFY over the database of spring.r2dbc.*.
			 */
			POSTGRES

		}

	}

}
