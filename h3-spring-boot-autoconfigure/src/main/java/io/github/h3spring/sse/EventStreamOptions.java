package io.github.h3spring.sse;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Per-stream settings for
 * {@link io.github.h3spring.H3#createEventStream(io.github.h3spring.H3Event, EventStreamOptions)
 * createEventStream}. What is not set here comes from the {@code h3.sse.*} properties.
 */
public final class EventStreamOptions {

	private static final EventStreamOptions DEFAULTS = builder().build();

	private final @Nullable Duration keepAlive;

	private final @Nullable Duration retry;

	private final @Nullable DataSize sendBufferLimit;

	private final @Nullable String replayKey;

	private EventStreamOptions(Builder builder) {
		this.keepAlive = builder.keepAlive;
		this.retry = builder.retry;
		this.sendBufferLimit = builder.sendBufferLimit;
		this.replayKey = builder.replayKey;
	}

	/**
	 * Returns options that take everything from the {@code h3.sse.*} properties.
	 * @return the default options
	 */
	public static EventStreamOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts options that override some properties for one stream.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the heartbeat interval.
	 * @return the interval ({@link Duration#ZERO} disables it), or {@code null} for
	 * {@code h3.sse.keep-alive}
	 */
	public @Nullable Duration keepAlive() {
		return this.keepAlive;
	}

	/**
	 * Returns the reconnection delay sent at the start of the stream.
	 * @return the delay, or {@code null} for {@code h3.sse.retry}
	 */
	public @Nullable Duration retry() {
		return this.retry;
	}

	/**
	 * Returns the most bytes queued for the stream.
	 * @return the limit, or {@code null} for {@code h3.sse.send-buffer-limit}
	 */
	public @Nullable DataSize sendBufferLimit() {
		return this.sendBufferLimit;
	}

	/**
	 * Returns the name of the replay log that records the events with an id pushed to
	 * this stream.
	 * @return the key, or {@code null} when the stream's own events are not recorded
	 */
	public @Nullable String replayKey() {
		return this.replayKey;
	}

	/**
	 * Builds {@link EventStreamOptions}.
	 */
	public static final class Builder {

		private @Nullable Duration keepAlive;

		private @Nullable Duration retry;

		private @Nullable DataSize sendBufferLimit;

		private @Nullable String replayKey;

		private Builder() {
		}

		/**
		 * Sets the interval of the comment heartbeat sent while the stream is idle.
		 * @param keepAlive the interval, {@link Duration#ZERO} to send none
		 * @return this builder
		 */
		public Builder keepAlive(Duration keepAlive) {
			if (keepAlive.isNegative()) {
				throw new IllegalArgumentException("keepAlive must not be negative but was " + keepAlive);
			}
			this.keepAlive = keepAlive;
			return this;
		}

		/**
		 * Sets the reconnection delay sent once at the start of the stream.
		 * @param retry the delay
		 * @return this builder
		 */
		public Builder retry(Duration retry) {
			if (retry.isNegative()) {
				throw new IllegalArgumentException("retry must not be negative but was " + retry);
			}
			this.retry = retry;
			return this;
		}

		/**
		 * Sets the most bytes queued for the stream while its client does not read (or
		 * while it is paused). Beyond it, the stream is closed.
		 * @param sendBufferLimit the limit
		 * @return this builder
		 */
		public Builder sendBufferLimit(DataSize sendBufferLimit) {
			if (sendBufferLimit.toBytes() <= 0) {
				throw new IllegalArgumentException("sendBufferLimit must be positive but was " + sendBufferLimit);
			}
			this.sendBufferLimit = sendBufferLimit;
			return this;
		}

		/**
		 * Records the events with an id pushed to this stream in the replay log of that
		 * name, so that a client reconnecting with {@code Last-Event-ID} to a stream
		 * created with the same key receives what it missed. Streams of one key share one
		 * log: use a key per audience (per user, per document), never one key for streams
		 * whose events differ by reader.
		 * @param replayKey the name of the replay log
		 * @return this builder
		 */
		public Builder replayKey(String replayKey) {
			if (replayKey.isEmpty()) {
				throw new IllegalArgumentException("replayKey must not be empty");
			}
			this.replayKey = replayKey;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public EventStreamOptions build() {
			return new EventStreamOptions(this);
		}

	}

}
