package io.github.h3spring.internal.sse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.sse.EventStreamMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * The replay logs of streams created with a replay key: each records the events with an
 * id pushed to any stream of its key, the last {@code h3.sse.replay-buffer-size} of them,
 * and outlives its last stream by {@code h3.sse.replay-time-to-live} for the client that
 * reconnects.
 */
final class ReplayLogs {

	private final int capacity;

	private final long timeToLive;

	private final Map<String, Log> logs = new HashMap<>();

	ReplayLogs(EventStreamSettings settings) {
		this.capacity = settings.replayBufferSize();
		this.timeToLive = settings.replayTimeToLive().toMillis();
	}

	/**
	 * The log of a key, held until {@link Log#release()}; {@code null} when replay is
	 * disabled.
	 */
	synchronized @Nullable Log acquire(String key) {
		if (this.capacity == 0) {
			return null;
		}
		Log log = this.logs.computeIfAbsent(key, Log::new);
		log.holders++;
		if (log.expiry != null) {
			log.expiry.dispose();
			log.expiry = null;
		}
		return log;
	}

	private synchronized void release(Log log) {
		if (--log.holders == 0) {
			log.expiry = Schedulers.parallel().schedule(() -> expire(log), this.timeToLive, TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void expire(Log log) {
		if (log.holders == 0) {
			this.logs.remove(log.key, log);
		}
	}

	/** One key's events, newest last. */
	final class Log {

		private final String key;

		private final ArrayDeque<EventStreamMessage> events = new ArrayDeque<>();

		private int holders;

		private @Nullable Disposable expiry;

		private Log(String key) {
			this.key = key;
		}

		/** Records an event with an id, once even when it is pushed to many streams. */
		synchronized void record(EventStreamMessage message) {
			EventStreamMessage newest = this.events.peekLast();
			if (newest != null && Objects.equals(newest.id(), message.id())) {
				return;
			}
			if (this.events.size() == ReplayLogs.this.capacity) {
				this.events.removeFirst();
			}
			this.events.addLast(message);
		}

		/**
		 * The events after the one with that id, oldest first, or {@code null} if it is
		 * not in the log.
		 */
		synchronized @Nullable List<EventStreamMessage> after(String id) {
			List<EventStreamMessage> missed = new ArrayList<>();
			for (Iterator<EventStreamMessage> newestFirst = this.events.descendingIterator(); newestFirst.hasNext();) {
				EventStreamMessage event = newestFirst.next();
				if (id.equals(event.id())) {
					Collections.reverse(missed);
					return missed;
				}
				missed.add(event);
			}
			return null;
		}

		synchronized @Nullable String newestId() {
			EventStreamMessage newest = this.events.peekLast();
			return (newest != null) ? newest.id() : null;
		}

		void release() {
			ReplayLogs.this.release(this);
		}

	}

}
