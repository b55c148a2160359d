package io.github.h3spring.internal.pubsub.backplane;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.h3spring.pubsub.SyncMessage;
import org.jspecify.annotations.Nullable;

/**
 * Publishes on their way to the server, encoded, in order, bounded in number and in
 * bytes. A publish leaves only once the server has it (or refused it), so the outbox
 * holds what is in flight as well as what waits. A publish with an origin of this
 * instance keeps its number (the event streams of every instance know it by it, so a
 * dropped one leaves a gap that the receivers report); the others get the next number of
 * the outbox, given to the publishes it takes only, so that what it drops leaves no gap.
 * Thread-safe.
 */
final class Outbox {

	private final ArrayDeque<byte[]> envelopes = new ArrayDeque<>();

	private final int capacity;

	private final long memoryLimit;

	private long bytes;

	private long sequence;

	/**
	 * Publishes dropped since the outbox was last emptied or {@link #resetDropped()
	 * reset}.
	 */
	private long dropped;

	Outbox(int capacity, long memoryLimit) {
		this.capacity = capacity;
		this.memoryLimit = memoryLimit;
	}

	/**
	 * Takes a publish, unless it would take the outbox past one of its limits.
	 * @param instance the publishing instance
	 * @param message the publish
	 * @return {@code null} when taken, otherwise what was dropped
	 */
	synchronized @Nullable Dropped offer(UUID instance, SyncMessage message) {
		SyncMessage.Origin origin = message.origin();
		long number = (origin != null && origin.instance().equals(instance)) ? origin.sequence() : 0;
		boolean numbered = number != 0;
		if (!numbered) {
			number = this.sequence + 1;
		}
		byte[] envelope = new Envelope(instance, number, message).encode();
		if (this.envelopes.size() >= this.capacity || this.bytes + envelope.length > this.memoryLimit) {
			return new Dropped(envelope.length, envelope.length > this.memoryLimit, this.dropped++ == 0);
		}
		if (!numbered) {
			this.sequence++;
		}
		this.envelopes.add(envelope);
		this.bytes += envelope.length;
		return null;
	}

	/** The oldest envelopes, up to a number and a size, at least one when not empty. */
	synchronized List<byte[]> nextBatch(int maxMessages, int maxBytes) {
		List<byte[]> batch = new ArrayList<>();
		int size = 0;
		for (byte[] envelope : this.envelopes) {
			if (!batch.isEmpty() && (batch.size() == maxMessages || size + envelope.length > maxBytes)) {
				break;
			}
			batch.add(envelope);
			size += envelope.length;
		}
		return batch;
	}

	/** Removes the oldest envelopes: a batch the server took or refused. */
	synchronized void remove(int count) {
		for (int i = 0; i < count; i++) {
			byte[] envelope = this.envelopes.poll();
			if (envelope != null) {
				this.bytes -= envelope.length;
			}
		}
		if (this.envelopes.isEmpty()) {
			this.dropped = 0;
		}
		notifyAll();
	}

	/**
	 * Empties the outbox.
	 * @return how many publishes it held
	 */
	synchronized int clear() {
		int count = this.envelopes.size();
		this.envelopes.clear();
		this.bytes = 0;
		return count;
	}

	/**
	 * Waits until the outbox is empty, as long as publishes can leave it.
	 * @param timeout the longest wait
	 * @param leaving whether publishes can leave the outbox, checked at least every 50 ms
	 */
	synchronized void awaitEmpty(Duration timeout, BooleanSupplier leaving) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.envelopes.isEmpty() && leaving.getAsBoolean()) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return;
			}
			try {
				wait(Math.min(left, 50));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Starts counting dropped publishes again, so that the next one is news.
	 * @return how many were dropped since the last reset or since the outbox was emptied
	 */
	synchronized long resetDropped() {
		long count = this.dropped;
		this.dropped = 0;
		return count;
	}

	synchronized boolean isEmpty() {
		return this.envelopes.isEmpty();
	}

	synchronized int size() {
		return this.envelopes.size();
	}

	synchronized long bytes() {
		return this.bytes;
	}

	int capacity() {
		return this.capacity;
	}

	long memoryLimit() {
		return this.memoryLimit;
	}

	/**
	 * A publish the outbox did not take.
	 *
	 * @param size its encoded size
	 * @param tooLarge whether it is larger than the whole outbox
	 * @param first whether it is the first one dropped since the outbox was emptied or
	 * reset
	 */
	record Dropped(int size, boolean tooLarge, boolean first) {
	}

}
