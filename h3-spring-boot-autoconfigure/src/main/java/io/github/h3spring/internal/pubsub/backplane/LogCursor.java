package io.github.h3spring.internal.pubsub.backplane;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where a subscriber stands in the server's replay log, so that a reconnection replays
 * exactly what was missed. Live messages that arrive during a replay are held and delivered
 * after it; a message is delivered only when its position is past the last one delivered.
 * Positions must grow in the order the server delivers messages.
 *
 * @param <P> the position type: a Redis stream id, a PostgreSQL row id
 */
public final class LogCursor<P extends Comparable<P>> {

	private final Consumer<byte[]> delivery;

	private final List<Held<P>> held = new ArrayList<>();

	private @Nullable P last;

	private boolean replaying;

	/**
	 * Creates a cursor.
	 * @param delivery receives envelopes in order, one at a time
	 */
	public LogCursor(Consumer<byte[]> delivery) {
		this.delivery = delivery;
	}

	/** A message read from the subscription. */
	public synchronized void live(P position, byte[] envelope) {
		if (this.replaying) {
			this.held.add(new Held<>(position, envelope));
		}
		else {
			accept(position, envelope);
		}
	}

	/** Holds live messages until {@link #endReplay()}. */
	public synchronized void startReplay() {
		this.replaying = true;
	}

	/** A message read from the log during a replay. */
	public synchronized void replayed(P position, byte[] envelope) {
		accept(position, envelope);
	}

	/** Delivers the live messages held during the replay and goes live. */
	public synchronized void endReplay() {
		this.replaying = false;
		for (Held<P> message : this.held) {
			accept(message.position(), message.envelope());
		}
		this.held.clear();
	}

	/**
	 * Sets the starting position on the first connection, when nothing was delivered yet.
	 * @param position the newest position in the log
	 */
	public synchronized void baseline(P position) {
		if (this.last == null) {
			this.last = position;
		}
	}

	/**
	 * The position of the last message delivered, or {@code null} before the first connection.
	 * @return the position
	 */
	public synchronized @Nullable P position() {
		return this.last;
	}

	private void accept(P position, byte[] envelope) {
		if (this.last == null || position.compareTo(this.last) > 0) {
			this.last = position;
			this.delivery.accept(envelope);
		}
	}

	private record Held<P>(P position, byte[] envelope) {
	}

}
