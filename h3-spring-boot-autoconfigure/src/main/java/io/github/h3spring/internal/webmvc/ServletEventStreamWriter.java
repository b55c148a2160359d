package io.github.h3spring.internal.webmvc;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Writes the frames of one event stream to a servlet response with non-blocking I/O: it
 * asks the stream for one frame only when the output stream is ready, writes and flushes
 * it, and asks for the next once the container says it can take more. So a client that
 * does not read leaves the frames in the stream's queue, where the send buffer limit
 * counts them, and no thread waits for it.
 * <p>
 * The container's write callbacks, the stream's frames and the request's end arrive on
 * any thread; one drain loop at a time (whichever thread wins the work-in-progress
 * counter) touches the output stream, as the servlet API requires.
 * <p>
 * Containers recycle a request's objects, its {@link AsyncContext} and output stream
 * included, for a later request once it has completed. So the drain loop writes and
 * completes under a lock that the container's completion callback also takes, and not at
 * all once the container has completed the request: a late write or {@code complete()}
 * would otherwise land on another client's stream.
 */
final class ServletEventStreamWriter implements Subscriber<byte[]>, WriteListener, AsyncListener {

	private static final Log logger = LogFactory.getLog(ServletEventStreamWriter.class);

	private final AsyncContext async;

	private final ServletOutputStream output;

	private final AtomicInteger wip = new AtomicInteger();

	/**
	 * Held while the output stream or the async context is used, and by the container's
	 * completion.
	 */
	private final Object requestLock = new Object();

	/**
	 * Guarded by {@link #requestLock}: the container completed the request, its objects
	 * are not ours.
	 */
	private boolean completedByContainer;

	private volatile @Nullable Subscription subscription;

	/** The frame asked for and not written yet, at most one. */
	private volatile byte @Nullable [] pending;

	/** The container called {@link #onWritePossible()} once: writing may start. */
	private volatile boolean writable;

	private volatile boolean requested;

	/** The stream ended: write what is pending, then end the response. */
	private volatile boolean upstreamDone;

	/** The response failed or ended from the container's side: stop. */
	private volatile boolean failed;

	/** Drain loop only: bytes written since the last flush. */
	private boolean flushNeeded;

	/** Drain loop only: the response was ended. */
	private boolean finished;

	ServletEventStreamWriter(AsyncContext async, ServletOutputStream output) {
		this.async = async;
		this.output = output;
	}

	// the stream

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		drain();
	}

	@Override
	public void onNext(byte[] frame) {
		this.pending = frame;
		this.requested = false;
		drain();
	}

	@Override
	public void onError(Throwable error) {
		logger.debug("The event stream failed", error);
		this.upstreamDone = true;
		drain();
	}

	@Override
	public void onComplete() {
		this.upstreamDone = true;
		drain();
	}

	// the container

	@Override
	public void onWritePossible() {
		this.writable = true;
		drain();
	}

	@Override
	public void onError(AsyncEvent event) {
		fail(event.getThrowable());
	}

	@Override
	public void onComplete(AsyncEvent event) {
		// ended by us, by the container or by the client going away: the stream closes if
		// open
		synchronized (this.requestLock) {
			this.completedByContainer = true;
		}
		fail(null);
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		fail(null);
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	private void fail(@Nullable Throwable error) {
		if (error != null && logger.isDebugEnabled()) {
			logger.debug("Writing an event stream failed, its client probably went away", error);
		}
		this.failed = true;
		Subscription subscription = this.subscription;
		if (subscription != null) {
			subscription.cancel();
		}
		drain();
	}

	// the drain loop

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			synchronized (this.requestLock) {
				write();
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void write() {
		if (this.finished) {
			return;
		}
		if (this.completedByContainer) {
			this.finished = true;
			this.pending = null;
			return;
		}
		if (this.failed) {
			this.pending = null;
			end();
			return;
		}
		Subscription subscription = this.subscription;
		if (!this.writable || subscription == null) {
			return;
		}
		try {
			while (true) {
				byte[] frame = this.pending;
				if (frame != null) {
					if (!this.output.isReady()) {
						return;
					}
					this.pending = null;
					this.output.write(frame);
					this.flushNeeded = true;
				}
				if (this.flushNeeded) {
					if (!this.output.isReady()) {
						return;
					}
					this.output.flush();
					this.flushNeeded = false;
				}
				if (this.upstreamDone) {
					if (this.pending != null) {
						// the last frame arrived just before the end
						continue;
					}
					end();
					return;
				}
				if (!this.requested && this.pending == null && this.output.isReady()) {
					this.requested = true;
					subscription.request(1);
				}
				return;
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failed = true;
			subscription.cancel();
			if (logger.isDebugEnabled()) {
				logger.debug("Writing an event stream failed, its client probably went away", ex);
			}
			end();
		}
	}

	private void end() {
		if (this.finished) {
			return;
		}
		this.finished = true;
		try {
			this.async.complete();
		}
		catch (IllegalStateException ex) {
			// already completed by the container
		}
	}

}
