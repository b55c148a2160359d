package io.github.h3spring.internal.pubsub.backplane;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where a subscriber stands in the server's replay log, so that a connection delivers
 * every message of the log exactly once, in log order, whenever it lands.
 * <p>
 * {@link #catchUp} runs one connection in the only order that loses nothing: the starting
 * position is read from the log <em>before</em> subscribing (on the first connection;
 * later ones start from the last message delivered), then the subscription is opened,
 * then the log is read from the starting position. A message that lands while this
 * happens is in the log, on the subscription, or both: live messages are held until the
 * log has been read, and a message is delivered only when its position is past the last
 * one delivered.
 * <p>
 * While no catch-up has succeeded since the subscription was {@link #lost() lost} (or
 * before the first), live messages are dropped: the next catch-up reads them from the
 * log, and delivering them first would jump over the ones in between. Positions must grow
 * in the order the server delivers messages.
 *
 * @param <P> the position type: a Redis stream id, a PostgreSQL row id
 */
public final class LogCursor<P extends Comparable<P>> {

	private enum Mode {

		/** Not caught up: live messages are in the log, the next catch-up reads them. */
		BEHIND,

		/** Reading the log: live messages wait until it is read. */
		CATCHING_UP,

		/** Delivering live messages as they come. */
		LIVE

	}

	private final Consumer<byte[]> delivery;

	private final List<Held<P>> held = new ArrayList<>();

	private @Nullable P last;

	private Mode mode = Mode.BEHIND;

	/** Counts subscription losses, so that a catch-up knows it raced one. */
	private long losses;

	/**
	 * Creates a cursor.
	 * @param delivery receives envelopes in order, one at a time
	 */
	public LogCursor(Consumer<byte[]> delivery) {
		this.delivery = delivery;
	}

	/**
	 * Catches up with the log and goes live. Fails when the subscription was lost
	 * meanwhile, so that the caller tries again.
	 * @param newest the position of the newest entry of the log (a position before every
	 * entry when it is empty); read on the first connection only, before subscribing
	 * @param subscribe opens the subscription; its messages go to {@link #live}
	 * @param replay reads the log from the given position (inclusive or not, either
	 * works) to its end, in order, into {@link #replayed}
	 * @return completion, once live
	 */
	public Mono<Void> catchUp(Mono<P> newest, Mono<Void> subscribe, Function<P, Mono<Void>> replay) {
		return Mono.defer(() -> {
			P from = position();
			Mono<P> start = (from != null) ? Mono.just(from)
					: newest.switchIfEmpty(Mono.error(() -> new IllegalStateException("No newest log position")))
						.doOnNext(this::baseline);
			return start.flatMap((position) -> {
				long epoch = begin();
				return subscribe.then(Mono.defer(() -> replay.apply(position)))
					.then(Mono.fromRunnable(() -> goLive(epoch)))
					.doOnError((ex) -> abandon(epoch))
					.doOnCancel(() -> abandon(epoch))
					.then();
			});
		});
	}

	/**
	 * Reports that the subscription is gone: what it would have delivered is read from
	 * the log by the next catch-up, and a catch-up in progress fails.
	 */
	public synchronized void lost() {
		this.losses++;
		this.mode = Mode.BEHIND;
		this.held.clear();
	}

	/**
	 * A message read from the subscription.
	 * @param position its position in the log
	 * @param envelope the encoded envelope
	 */
	public synchronized void live(P position, byte[] envelope) {
		switch (this.mode) {
			case LIVE -> accept(position, envelope);
			case CATCHING_UP -> this.held.add(new Held<>(position, envelope));
			case BEHIND -> {
				// In the log: the next catch-up reads it in its place.
			}
		}
	}

	/**
	 * A message read from the log during a catch-up.
	 * @param position its position in the log
	 * @param envelope the encoded envelope
	 */
	public synchronized void replayed(P position, byte[] envelope) {
		accept(position, envelope);
	}

	/**
	 * The position of the last message delivered, the starting position before that, or
	 * {@code null} before the first connection.
	 * @return the position
	 */
	public synchronized @Nullable P position() {
		return this.last;
	}

	private synchronized void baseline(P position) {
		if (this.last == null) {
			this.last = position;
		}
	}

	private synchronized long begin() {
		this.mode = Mode.CATCHING_UP;
		this.held.clear();
		return this.losses;
	}

	private synchronized void goLive(long epoch) {
		if (epoch != this.losses) {
			throw new IllegalStateException("The subscription was lost while catching up with the log");
		}
		for (Held<P> message : this.held) {
			accept(message.position(), message.envelope());
		}
		this.held.clear();
		this.mode = Mode.LIVE;
	}

	private synchronized void abandon(long epoch) {
		if (epoch == this.losses && this.mode == Mode.CATCHING_UP) {
			// What was held is past what the log gave: the next catch-up reads it again.
			this.mode = Mode.BEHIND;
			this.held.clear();
		}
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
