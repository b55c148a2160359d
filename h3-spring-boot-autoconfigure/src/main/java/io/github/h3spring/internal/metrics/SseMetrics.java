package io.github.h3spring.internal.metrics;

/**
 * Records Server-Sent Events activity. {@link #eventPushed} runs once per event:
 * implementations must not block nor look meters up there.
 */
public interface SseMetrics {

	/** Records nothing. */
	SseMetrics NONE = new SseMetrics() {
	};

	/** A stream's response started. */
	default void streamOpened() {
	}

	/** A stream ended, whoever closed it; called once per opened stream. */
	default void streamClosed() {
	}

	/** An event (not a comment) was written to a stream. */
	default void eventPushed() {
	}

}
