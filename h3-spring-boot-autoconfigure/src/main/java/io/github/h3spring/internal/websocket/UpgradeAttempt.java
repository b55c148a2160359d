package io.github.h3spring.internal.websocket;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.h3spring.internal.metrics.UpgradeRejection;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.observation.WebSocketUpgradeObservationContext;
import io.github.h3spring.websocket.UpgradeRequest;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * One upgrade request on either transport, counted in {@code h3.websocket.upgrades} and
 * observed as {@code h3.websocket.upgrade} with the same outcome and reason. The
 * observation lasts until the request is refused or its handshake answered; the hooks of
 * the connection are observed as its children.
 */
public final class UpgradeAttempt {

	private final PeerRuntime runtime;

	private final @Nullable WebSocketUpgradeObservationContext context;

	private final Observation observation;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private UpgradeAttempt(PeerRuntime runtime, @Nullable WebSocketUpgradeObservationContext context,
			Observation observation) {
		this.runtime = runtime;
		this.context = context;
		this.observation = observation;
	}

	/**
	 * Starts observing an upgrade request.
	 * @param runtime the handler's runtime
	 * @param path the request's path
	 * @param parent the observation of the HTTP request when the stack does not keep it
	 * in scope (WebFlux keeps it in the Reactor context), else {@code null}
	 * @return the attempt, to be {@linkplain #stop() stopped} once answered
	 */
	public static UpgradeAttempt start(PeerRuntime runtime, String path, @Nullable Observation parent) {
		H3Observations observations = runtime.hooks().observations();
		if (observations.isNoop()) {
			return new UpgradeAttempt(runtime, null, Observation.NOOP);
		}
		WebSocketUpgradeObservationContext context = new WebSocketUpgradeObservationContext(runtime.hooks().name(),
				path);
		Observation observation = observations.upgrade(() -> context);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return new UpgradeAttempt(runtime, context, observation.start());
	}

	/** The hooks of the connection, observed as children of this upgrade. */
	public PeerHooks hooks(UpgradeRequest request) {
		return this.runtime.hooks().forConnection(request, this.observation);
	}

	/** Counts and records a refusal. */
	public void rejected(UpgradeRejection reason) {
		this.runtime.metrics().upgradeRejected(reason);
		if (this.context != null) {
			this.context.setRejectionReason(reason.tag());
		}
	}

	/** Records that the handshake is answered with {@code 101}. */
	public void accepted() {
		if (this.context != null) {
			this.context.setAccepted();
		}
	}

	/** Records an unexpected failure of the upgrade. */
	public void failed(Throwable error) {
		if (!this.stopped.get()) {
			this.observation.error(error);
		}
	}

	/** Ends the observation; only the first call counts. */
	public void stop() {
		if (this.stopped.compareAndSet(false, true)) {
			this.observation.stop();
		}
	}

}
