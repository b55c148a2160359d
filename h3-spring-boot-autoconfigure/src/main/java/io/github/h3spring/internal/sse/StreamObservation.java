package io.github.h3spring.internal.sse;

import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.observation.EventStreamObservationContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@code h3.sse.stream} observation of one stream: created with the stream, as a child of
 * the observation in scope then (the handler's), started when its response starts and stopped
 * with how it ended.
 */
final class StreamObservation {

	static final String CLOSED = "closed";

	static final String CLIENT_GONE = "client-gone";

	static final String OVERFLOW = "overflow";

	private static final StreamObservation NONE = new StreamObservation(null, Observation.NOOP);

	private final @Nullable EventStreamObservationContext context;

	private final Observation observation;

	private boolean started;

	private boolean stopped;

	private StreamObservation(@Nullable EventStreamObservationContext context, Observation observation) {
		this.context = context;
		this.observation = observation;
	}

	static StreamObservation create(H3Observations observations) {
		if (observations.isNoop()) {
			return NONE;
		}
		EventStreamObservationContext context = new EventStreamObservationContext();
		Observation observation = observations.stream(() -> context);
		// started later, maybe on another thread: the parent is the observation in scope now
		Observation parent = observations.current();
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return new StreamObservation(context, observation);
	}

	synchronized void opened() {
		if (!this.started && !this.stopped) {
			this.started = true;
			this.observation.start();
		}
	}

	/** Stops the observation; a stream that ends before its response started is not observed. */
	synchronized void ended(String outcome) {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		if (this.started) {
			if (this.context != null) {
				this.context.setOutcome(outcome);
			}
			this.observation.stop();
		}
	}

}
