package io.github.h3spring.internal.sse;

import java.time.Duration;

import io.github.h3spring.sse.EventStreamOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The Server-Sent Events options, read from {@code h3.sse.*}.
 *
 * @param keepAlive the heartbeat interval on idle streams, zero for none
 * @param retry the reconnection delay sent at the start of each stream, or {@code null}
 * @param sendBufferLimit the most bytes queued for one stream before it is closed
 * @param replayBufferSize the events kept per topic and per replay key, zero to disable
 * resume
 * @param replayTimeToLive how long a replay buffer outlives its last stream
 */
public record EventStreamSettings(Duration keepAlive, @Nullable Duration retry, long sendBufferLimit,
		int replayBufferSize, Duration replayTimeToLive) {

	/** The settings of a stream created without the auto-configuration. */
	static final EventStreamSettings DEFAULTS = new EventStreamSettings(Duration.ofSeconds(15), null,
			DataSize.ofKilobytes(256).toBytes(), 100, Duration.ofMinutes(1));

	public EventStreamSettings {
		if (keepAlive.isNegative()) {
			throw new IllegalArgumentException("h3.sse.keep-alive must not be negative but was " + keepAlive);
		}
		if (sendBufferLimit <= 0) {
			throw new IllegalArgumentException("h3.sse.send-buffer-limit must be positive but was " + sendBufferLimit);
		}
		if (replayBufferSize < 0) {
			throw new IllegalArgumentException(
					"h3.sse.replay-buffer-size must not be negative but was " + replayBufferSize);
		}
	}

	/** These settings with a stream's own options applied. */
	EventStreamSettings with(EventStreamOptions options) {
		if (options == EventStreamOptions.defaults()) {
			return this;
		}
		Duration keepAlive = (options.keepAlive() != null) ? options.keepAlive() : this.keepAlive;
		Duration retry = (options.retry() != null) ? options.retry() : this.retry;
		DataSize limit = options.sendBufferLimit();
		return new EventStreamSettings(keepAlive, retry, (limit != null) ? limit.toBytes() : this.sendBufferLimit,
				this.replayBufferSize, this.replayTimeToLive);
	}

}
