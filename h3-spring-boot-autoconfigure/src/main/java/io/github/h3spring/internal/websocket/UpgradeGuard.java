package io.github.h3spring.internal.websocket;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.h3spring.internal.metrics.UpgradeRejection;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The checks every upgrade passes before any hook runs: shutdown, the host and origin
 * policy, and the connection limit. Shared by all handlers.
 * <p>
 * The limit counts reservations, not open peers: an upgrade takes its place atomically
 * before the {@code upgrade} hook runs and holds it until its connection ends, or gives
 * it back at once when it is refused; so simultaneous upgrades cannot pass the limit
 * together.
 */
public final class UpgradeGuard {

	private static final Admission UNCOUNTED = new Admission(null, null);

	private final OriginPolicy originPolicy;

	private final @Nullable Integer maxConnections;

	private final AtomicInteger reserved = new AtomicInteger();

	private volatile boolean shuttingDown;

	public UpgradeGuard(OriginPolicy originPolicy, @Nullable Integer maxConnections) {
		this.originPolicy = originPolicy;
		this.maxConnections = maxConnections;
	}

	/**
	 * Decides on the upgrade of a request with these headers to this URI, and reserves
	 * its connection when it may go on.
	 * @return the refusal, or the reservation that the caller must release once the
	 * upgrade is refused later or its connection has ended
	 */
	public Admission admit(HttpHeaders headers, URI uri) {
		if (this.shuttingDown) {
			return refused(503, "Server is shutting down", UpgradeRejection.SHUTDOWN);
		}
		if (!this.originPolicy.allowsHost(uri)) {
			return refused(403, "Host not allowed", UpgradeRejection.ORIGIN);
		}
		if (!this.originPolicy.allows(headers, uri)) {
			return refused(403, "Origin not allowed", UpgradeRejection.ORIGIN);
		}
		Integer max = this.maxConnections;
		if (max == null) {
			return UNCOUNTED;
		}
		int current;
		do {
			current = this.reserved.get();
			if (current >= max) {
				return refused(503, "Too many WebSocket connections", UpgradeRejection.CAPACITY);
			}
		}
		while (!this.reserved.compareAndSet(current, current + 1));
		return new Admission(null, this.reserved);
	}

	private static Admission refused(int status, String reason, UpgradeRejection rejection) {
		return new Admission(new Refusal(status, reason, rejection), null);
	}

	/** Refuses every upgrade from now on. */
	public void shutDown() {
		this.shuttingDown = true;
	}

	/** Lets upgrades through again, when the application context is restarted. */
	public void open() {
		this.shuttingDown = false;
	}

	/**
	 * Why an upgrade is refused.
	 *
	 * @param status the HTTP status
	 * @param reason the response body
	 * @param rejection the metrics tag
	 */
	public record Refusal(int status, String reason, UpgradeRejection rejection) {
	}

	/** The guard's answer: a refusal, or a place among the connections until released. */
	public static final class Admission {

		private final @Nullable Refusal refusal;

		private final @Nullable AtomicInteger reserved;

		private final AtomicBoolean released = new AtomicBoolean();

		private Admission(@Nullable Refusal refusal, @Nullable AtomicInteger reserved) {
			this.refusal = refusal;
			this.reserved = reserved;
		}

		/** Why the upgrade is refused, or {@code null} when it may go on. */
		public @Nullable Refusal refusal() {
			return this.refusal;
		}

		/** Gives the place back; only the first call counts. */
		public void release() {
			if (this.reserved != null && this.released.compareAndSet(false, true)) {
				this.reserved.decrementAndGet();
			}
		}

	}

}
