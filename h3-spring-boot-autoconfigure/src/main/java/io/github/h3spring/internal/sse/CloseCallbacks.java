package io.github.h3spring.internal.sse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@code onClosed} callbacks of one stream: each runs once, those registered after
 * the close at once, and one that throws is logged without stopping the others.
 */
final class CloseCallbacks {

	private static final Log logger = LogFactory.getLog(CloseCallbacks.class);

	private final List<Runnable> callbacks = new ArrayList<>();

	private final Supplier<String> owner;

	private boolean ran;

	/**
	 * Creates the callbacks of a stream.
	 * @param owner describes the stream in the log
	 */
	CloseCallbacks(Supplier<String> owner) {
		this.owner = owner;
	}

	void add(Runnable callback) {
		synchronized (this.callbacks) {
			if (!this.ran) {
				this.callbacks.add(callback);
				return;
			}
		}
		run(callback);
	}

	void runAll() {
		List<Runnable> callbacks;
		synchronized (this.callbacks) {
			this.ran = true;
			callbacks = List.copyOf(this.callbacks);
			this.callbacks.clear();
		}
		callbacks.forEach(this::run);
	}

	private void run(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			logger.warn("An onClosed callback of the event stream of " + this.owner.get() + " failed", ex);
		}
	}

}
