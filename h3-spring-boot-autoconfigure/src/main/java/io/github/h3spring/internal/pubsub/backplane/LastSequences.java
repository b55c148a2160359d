package io.github.h3spring.internal.pubsub.backplane;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The last sequence number received from each other instance, to drop repeats and count
 * gaps. An instance not heard from for a replay window is forgotten, since nothing of it
 * is left in the log to replay or to repeat; but only once this instance has itself been
 * connected for a window, so that its own absence is not mistaken for the others' silence
 * (the replay after a reconnection must still find their gaps). Called by one thread at a
 * time, as messages are received.
 */
final class LastSequences {

	/** What {@link #arrived} answers for a sequence number already received. */
	static final long REPEAT = -1;

	private final Map<UUID, Heard> instances = new ConcurrentHashMap<>();

	private final long window;

	private volatile long connectedAt;

	private long sweptAt;

	/**
	 * Creates the tracker.
	 * @param window how long the log keeps messages
	 * @param now the current time (nanoseconds)
	 */
	LastSequences(Duration window, long now) {
		this.window = window.toNanos();
		this.sweptAt = now;
		this.connectedAt = now;
	}

	/**
	 * Records a sequence number.
	 * @param instance the publishing instance
	 * @param sequence its sequence number
	 * @param now the current time (nanoseconds)
	 * @return {@link #REPEAT} when it was received already, otherwise how many are
	 * missing before it ({@code 0} when it follows the last one, or the instance is new)
	 */
	long arrived(UUID instance, long sequence, long now) {
		Heard last = this.instances.get(instance);
		if (last != null && sequence <= last.sequence()) {
			return REPEAT;
		}
		this.instances.put(instance, new Heard(sequence, now));
		forgetInstancesThatLeft(now);
		return (last != null) ? sequence - last.sequence() - 1 : 0;
	}

	/** This instance connected (or reconnected) at the given time. */
	void connected(long now) {
		this.connectedAt = now;
	}

	int size() {
		return this.instances.size();
	}

	private void forgetInstancesThatLeft(long now) {
		if (now - this.sweptAt < this.window || now - this.connectedAt < this.window) {
			return;
		}
		this.sweptAt = now;
		this.instances.values().removeIf((heard) -> now - heard.at() >= this.window);
	}

	/**
	 * The last sequence number of an instance, and when it arrived.
	 *
	 * @param sequence the sequence number
	 * @param at when (nanoseconds)
	 */
	private record Heard(long sequence, long at) {
	}

}
