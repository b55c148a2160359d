package io.github.h3spring.internal.websocket;

import java.time.Duration;

import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.WebSocketHub;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes every peer with 1001 "going away" when the application stops, before the web
 * server's graceful shutdown waits for open connections, and refuses upgrades from then
 * on.
 */
public final class WebSocketShutdown implements SmartLifecycle {

	/** Before the web server's graceful shutdown ({@code Integer.MAX_VALUE - 1024}). */
	public static final int PHASE = Integer.MAX_VALUE - 512;

	private static final Log logger = LogFactory.getLog(WebSocketShutdown.class);

	private final WebSocketHub hub;

	private final PeerRegistry peers;

	private final UpgradeGuard guard;

	private final Duration timeout;

	private volatile boolean running;

	public WebSocketShutdown(WebSocketHub hub, PeerRegistry peers, UpgradeGuard guard, Duration timeout) {
		this.hub = hub;
		this.peers = peers;
		this.guard = guard;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		// a stopped context can start again (Spring's test context cache pauses unused
		// ones)
		this.guard.open();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.guard.shutDown();
		int open = this.hub.peers().size();
		if (open == 0) {
			return;
		}
		logger.info("Closing " + open + " WebSocket peer(s) with 1001 going away");
		this.hub.closeAll(CloseEvent.GOING_AWAY, "going away");
		try {
			if (!this.peers.awaitEmpty(this.timeout)) {
				logger.warn(this.hub.peers().size() + " WebSocket peer(s) still open after " + this.timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
