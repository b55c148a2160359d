package io.github.h3spring.internal.websocket;

import java.net.URI;

import io.github.h3spring.internal.metrics.UpgradeRejection;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The checks every upgrade passes before any hook runs: the origin policy, the connection
 * limit and shutdown. Shared by all handlers.
 */
public final class UpgradeGuard {

	private final OriginPolicy originPolicy;

	private final @Nullable Integer maxConnections;

	private final PeerRegistry peers;

	private volatile boolean shuttingDown;

	public UpgradeGuard(OriginPolicy originPolicy, @Nullable Integer maxConnections, PeerRegistry peers) {
		this.originPolicy = originPolicy;
		this.maxConnections = maxConnections;
		this.peers = peers;
	}

	/** Returns why the upgrade must be refused, or {@code null} to let it through. */
	@Nullable Refusal check(ServerHttpRequest request) {
		return check(request.getHeaders(), request.getURI());
	}

	/**
	 * Returns why the upgrade of a request with these headers to this URI must be refused, or
	 * {@code null} to let it through.
	 */
	public @Nullable Refusal check(HttpHeaders headers, URI uri) {
		if (this.shuttingDown) {
			return new Refusal(503, "Server is shutting down", UpgradeRejection.SHUTDOWN);
		}
		if (!this.originPolicy.allows(headers, uri)) {
			return new Refusal(403, "Origin not allowed", UpgradeRejection.ORIGIN);
		}
		if (this.maxConnections != null && this.peers.all().size() >= this.maxConnections) {
			return new Refusal(503, "Too many WebSocket connections", UpgradeRejection.CAPACITY);
		}
		return null;
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

}
