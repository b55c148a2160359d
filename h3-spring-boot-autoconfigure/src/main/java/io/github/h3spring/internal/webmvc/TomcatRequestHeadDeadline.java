package io.github.h3spring.internal.webmvc;

import java.lang.reflect.Method;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.AbstractProtocol;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Closes a Tomcat connection whose request head (a WebSocket upgrade included) is not
 * complete within the deadline of its first byte. Tomcat restarts its read timeout with
 * every byte and has no deadline of its own, so a client sending one header byte every
 * few seconds would otherwise hold its connection for ever.
 * <p>
 * While the connector runs, a sweep on Tomcat's utility executor looks at its
 * connections: one whose request is still being parsed, and began longer ago than the
 * deadline, gets the error event Tomcat's own read timeout would send it, and Tomcat
 * closes it.
 */
public final class TomcatRequestHeadDeadline implements LifecycleListener {

	private static final Log logger = LogFactory.getLog(TomcatRequestHeadDeadline.class);

	/**
	 * How often the sweep runs, as a share of the deadline: connections close within 1.25
	 * times it.
	 */
	private static final int SWEEPS_PER_DEADLINE = 4;

	private final long timeoutNanos;

	private @Nullable ScheduledFuture<?> sweep;

	private TomcatRequestHeadDeadline(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * Adds the deadline to a connector.
	 * @param connector the connector, not started yet
	 * @param timeout the longest time a request head may take
	 */
	public static void install(Connector connector, Duration timeout) {
		connector.addLifecycleListener(new TomcatRequestHeadDeadline(timeout));
	}

	@Override
	public void lifecycleEvent(LifecycleEvent event) {
		if (!(event.getLifecycle() instanceof Connector connector)
				|| !(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol)) {
			return;
		}
		if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
			AbstractEndpoint<?, ?> endpoint = endpoint(protocol);
			if (endpoint != null) {
				long period = Math.max(1, this.timeoutNanos / SWEEPS_PER_DEADLINE);
				this.sweep = protocol.getUtilityExecutor()
					.scheduleWithFixedDelay(() -> sweep(endpoint), period, period, TimeUnit.NANOSECONDS);
			}
		}
		else if (Lifecycle.BEFORE_STOP_EVENT.equals(event.getType()) && this.sweep != null) {
			this.sweep.cancel(false);
			this.sweep = null;
		}
	}

	/**
	 * The protocol's endpoint, which lists its connections. Tomcat offers no public way
	 * to it, hence the reflective call of its protected getter.
	 */
	private static @Nullable AbstractEndpoint<?, ?> endpoint(AbstractProtocol<?> protocol) {
		try {
			Method getEndpoint = AbstractProtocol.class.getDeclaredMethod("getEndpoint");
			getEndpoint.setAccessible(true);
			return (AbstractEndpoint<?, ?>) getEndpoint.invoke(protocol);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("h3.websocket.handshake-timeout is not applied on this Tomcat (" + ex
					+ "): bound slow request heads in a proxy in front of it");
			return null;
		}
	}

	private void sweep(AbstractEndpoint<?, ?> endpoint) {
		long now = System.nanoTime();
		for (SocketWrapperBase<?> connection : endpoint.getConnections()) {
			if (connection.getCurrentProcessor() instanceof AbstractProcessor processor && isOverdue(processor, now)) {
				expire(connection);
			}
		}
	}

	/**
	 * Whether the processor waits for the rest of a request head that began too long ago.
	 * It is the connection's current processor only between reads, never while a request
	 * is served; an asynchronous request (an event stream) or an upgraded connection (a
	 * WebSocket, with its own liveness check) is past its head.
	 */
	private boolean isOverdue(AbstractProcessor processor, long now) {
		// Tomcat marks the start at the request's first byte, -1 until then
		long start = processor.getRequest().getStartTimeNanos();
		return !processor.isAsync() && !processor.isUpgrade() && start != -1 && now - start > this.timeoutNanos;
	}

	private void expire(SocketWrapperBase<?> connection) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + connection.getRemoteAddr() + ":" + connection.getRemotePort()
					+ ": no complete request head within " + Duration.ofNanos(this.timeoutNanos)
					+ " (h3.websocket.handshake-timeout)");
		}
		connection.setError(new SocketTimeoutException("No complete request head within the deadline"));
		connection.processSocket(SocketEvent.ERROR, true);
	}

}
