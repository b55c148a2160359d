package io.github.h3spring.internal.sse;

import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.observation.EventStreamObservationContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@code h3.sse.stream} observation of one stream: created with the stream, as a
 * child of the observation in scope then (the handler's), started when its response
 * starts and stopped with how it ended.
 */
final class StreamObservation {

	static final String CLOSED = "closed";

	static final String CLIENT_GONE = "client-gone";

	static final String OVERFLOW = "overflow";

	private static final StreamObservation NONE = new StreamObservation(null, Observation.NOOP, Observation.NOOP);

	private final @Nullable EventStreamObservationContext context;

	private final Observation observation;

	private final Observation parent;

	private boolean started;

	private @Nullable String outcome;

	private StreamObservation(@Nullable EventStreamObservationContext context, Observation observation,
			Observation parent) {
		this.context = context;
		this.observation = observation;
		this.parent = parent;
	}

	static StreamObservation create(H3Observations observations) {
		if (observations.isNoop()) {
			return NONE;
		}
		EventStreamObservationContext context = new EventStreamObservationContext();
		Observation observation = observations.stream(() -> context);
		// started later, maybe on another thread: the parent is the observation in scope
		// now
		Observation parent = observations.current();
		if (parent == null) {
			return new StreamObservation(context, observation, Observation.NOOP);
		}
		return new StreamObservation(context, observation.parentObservation(parent), parent);
	}

	/**
	 * Starts the observation as the response starts; a stream closed before ends at once.
	 */
	synchronized void opened() {
		if (this.started) {
			return;
		}
		this.started = true;
		// a tracer takes the span in scope as the parent, maybe the HTTP request's here
		try (Observation.Scope scope = this.parent.openScope()) {
			this.observation.start();
		}
		if (this.outcome != null) {
			stop(this.outcome);
		}
	}

	/** Stops the observation, or has it stop as soon as it starts. */
	synchronized void ended(String outcome) {
		if (this.outcome != null) {
			return;
		}
		this.outcome = outcome;
		if (this.started) {
			stop(outcome);
		}
	}

	private void stop(String outcome) {
		if (this.context != null) {
			this.context.setOutcome(outcome);
		}
		this.observation.stop();
	}

}
