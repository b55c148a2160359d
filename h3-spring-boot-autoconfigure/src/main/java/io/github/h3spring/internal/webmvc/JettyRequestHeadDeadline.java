package io.github.h3spring.internal.webmvc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a Jetty connection that has not completed its first request head (a WebSocket
 * upgrade included) within the deadline. Jetty's idle timeout restarts with every byte,
 * so a client sending one header byte every few seconds would otherwise hold its
 * connection for ever. Jetty counts a request once its head is complete
 * ({@link Connection#getMessagesIn()}).
 */
public final class JettyRequestHeadDeadline implements Connection.Listener {

	private static final Log logger = LogFactory.getLog(JettyRequestHeadDeadline.class);

	private final Scheduler scheduler;

	private final long timeoutMillis;

	private JettyRequestHeadDeadline(Scheduler scheduler, long timeoutMillis) {
		this.scheduler = scheduler;
		this.timeoutMillis = timeoutMillis;
	}

	/** Adds the deadline to every connector of the server. */
	public static void install(Server server, Duration timeout) {
		for (Connector connector : server.getConnectors()) {
			connector.addBean(new JettyRequestHeadDeadline(connector.getScheduler(), timeout.toMillis()));
		}
	}

	@Override
	public void onOpened(Connection connection) {
		// an HTTP/1.1 connection; what it is upgraded to (a WebSocket) has its own
		// liveness check
		if (!(connection instanceof HttpConnection)) {
			return;
		}
		this.scheduler.schedule(() -> expire(connection), this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	private void expire(Connection connection) {
		if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing " + connection.getEndPoint() + ": no complete request head within "
						+ this.timeoutMillis + " ms (h3.websocket.handshake-timeout)");
			}
			connection.getEndPoint().close();
		}
	}

	@Override
	public void onClosed(Connection connection) {
	}

}
