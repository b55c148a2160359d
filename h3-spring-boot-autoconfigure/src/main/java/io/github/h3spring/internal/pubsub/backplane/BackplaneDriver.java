package io.github.h3spring.internal.pubsub.backplane;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.unit.DataSize;

/**
 * The part of a backplane driver that does not depend on the server: publishes wait in an
 * outbox bounded in messages and in bytes, and leave it in order, only once the server
 * has them; a lost connection is re-established with exponential backoff; messages from
 * other instances are de-duplicated and checked for gaps by their publisher's sequence
 * number; our own are ignored. An instance not heard from for a replay window, while this
 * one was connected, is forgotten: nothing of it is left to replay or to de-duplicate.
 * <p>
 * A send fails in one of two ways. A <em>transient</em> failure (the connection broke,
 * the server timed out) keeps the publishes in the outbox and reconnects. A
 * <em>permanent</em> one ({@link #isPermanent}: the server answered that it refuses the
 * command) would fail the same way again: the publishes are dropped for the other
 * instances and counted as refused, and the next ones are tried. Either way the next
 * attempt waits a backoff that grows with each failure in a row, so a send that always
 * fails costs a few attempts a minute rather than a loop at round-trip speed; a trouble
 * is logged once, at WARN, with its cause, and the health reports it until a send
 * succeeds.
 * <p>
 * A transport implements {@link #connect()} (subscribe and read its log from where it
 * stands, through a {@link LogCursor}), {@link #send(List)} and {@link #disconnect()},
 * and reports what it receives to {@link #received(byte[])} one at a time, in log order.
 * <p>
 * Connects when the application context starts, and disconnects when it stops: after the
 * web server, so that publishes made during a graceful shutdown still go out (stopping
 * waits up to the connect timeout for the outbox to empty, and logs how many did not),
 * and before the connection factories it uses.
 */
public abstract class BackplaneDriver implements SyncDriver, SmartLifecycle {

	/** Stops after the web server, before Lettuce's connection factory (phase 0). */
	private static final int PHASE = 1;

	private static final int MAX_BATCH_MESSAGES = 256;

	private static final int MAX_BATCH_BYTES = 1024 * 1024;

	/** Connection states, as the health indicator reports them. */
	public enum State {

		/** Not connected yet, or reconnecting. */
		CONNECTING,

		/** Subscribed and sending. */
		CONNECTED,

		/** Closed at shutdown. */
		CLOSED

	}

	protected final Log logger = LogFactory.getLog(getClass());

	private final BackplaneSettings settings;

	private final UUID instance = UUID.randomUUID();

	private final Outbox outbox;

	private final AtomicBoolean sending = new AtomicBoolean();

	private final LastSequences lastSequences;

	private final LongSupplier clock;

	private final AtomicLong overflowed = new AtomicLong();

	private final AtomicLong missed = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private volatile State state = State.CONNECTING;

	private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();

	private volatile @Nullable Throwable lastError;

	private volatile @Nullable Consumer<SyncMessage> consumer;

	private @Nullable Disposable connecting;

	/**
	 * The pause before the next send after a refused one; the sending flag stays set
	 * meanwhile.
	 */
	private volatile @Nullable Disposable pause;

	/**
	 * Sends that failed since the last one that succeeded. Written by the sender only.
	 */
	private volatile int sendFailures;

	/** Whether the last send was refused by the server. */
	private volatile boolean refusing;

	// Guarded by this: one WARN per kind of trouble, until a send succeeds again.

	private boolean warnedUnreachable;

	private boolean warnedRefused;

	private boolean reportedReconnection;

	/** Whether one of the flags above is set, read without the lock on each send. */
	private volatile boolean troubled;

	private volatile boolean connectedOnce;

	protected BackplaneDriver(BackplaneSettings settings) {
		this(settings, System::nanoTime);
	}

	BackplaneDriver(BackplaneSettings settings, LongSupplier clock) {
		this.settings = settings;
		this.clock = clock;
		this.outbox = new Outbox(settings.outboxCapacity(), settings.outboxMemoryLimit());
		this.lastSequences = new LastSequences(settings.replayWindow(), clock.getAsLong());
	}

	/**
	 * Opens a subscription and delivers through {@link #received(byte[])} what the log
	 * holds since the last message received (since the first attempt, on the first
	 * connection). Completes once messages flow.
	 * @return completion
	 */
	protected abstract Mono<Void> connect();

	/**
	 * Sends encoded envelopes, in order. Completes once the server has stored all of
	 * them.
	 * @param envelopes the envelopes
	 * @return completion
	 */
	protected abstract Mono<Void> send(List<byte[]> envelopes);

	/**
	 * Releases the connections.
	 */
	protected abstract void disconnect();

	/**
	 * Whether a failure would happen again however often it is retried: the server
	 * refused the command itself, rather than the connection failing. Transports add the
	 * errors of their client; a {@link BackplaneConfigurationException} anywhere in the
	 * causes is permanent.
	 * @param error the failure
	 * @return whether it is permanent
	 */
	protected boolean isPermanent(Throwable error) {
		return causedBy(error, BackplaneConfigurationException.class) != null;
	}

	/**
	 * Finds an exception of a type among the causes of a failure.
	 * @param <E> the type
	 * @param error the failure
	 * @param type the type
	 * @return the first such cause, or {@code null}
	 */
	protected static <E extends Throwable> @Nullable E causedBy(@Nullable Throwable error, Class<E> type) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

	/**
	 * Describes the server, for logs and health details.
	 * @return a description such as {@code redis}
	 */
	public abstract String describe();

	/**
	 * Starts connecting in the background or, with fail-fast, waits for the first
	 * connection.
	 * @throws IllegalStateException when fail-fast and the first connection attempt
	 * failed
	 */
	@Override
	public final void start() {
		synchronized (this) {
			if (this.connecting != null || this.state == State.CLOSED) {
				return;
			}
			reconnect();
		}
		if (this.settings.failFast()) {
			awaitFirstConnection();
		}
	}

	private void awaitFirstConnection() {
		Duration timeout = this.settings.connectTimeout();
		try {
			this.firstConnection.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new IllegalStateException("Interrupted while connecting to the " + describe() + " backplane", ex);
		}
		catch (ExecutionException ex) {
			close();
			Throwable cause = ex.getCause();
			BackplaneConfigurationException configuration = causedBy(cause, BackplaneConfigurationException.class);
			if (configuration != null) {
				throw configuration;
			}
			throw new IllegalStateException("The " + describe() + " backplane refused the connection (" + cause
					+ ") and h3.pubsub.fail-fast is set; without it the application starts, reports the backplane "
					+ "DOWN and keeps trying", cause);
		}
		catch (TimeoutException ex) {
			close();
			throw new IllegalStateException("Could not connect to the " + describe() + " backplane within " + timeout
					+ " and h3.pubsub.fail-fast is set; without it the application starts and keeps reconnecting",
					this.lastError);
		}
	}

	@Override
	public final void stop() {
		// Publishes made during a graceful shutdown: they go out unless the server is
		// away.
		this.outbox.awaitEmpty(this.settings.connectTimeout(), this::isHealthy);
		close();
	}

	@Override
	public final boolean isRunning() {
		return this.connecting != null && this.state != State.CLOSED;
	}

	@Override
	public final int getPhase() {
		return PHASE;
	}

	@Override
	public void publish(SyncMessage message) {
		Outbox.Dropped dropped = this.outbox.offer(this.instance, message);
		if (dropped == null) {
			drain();
			return;
		}
		this.overflowed.incrementAndGet();
		if (!dropped.first()) {
			return;
		}
		if (dropped.tooLarge()) {
			this.logger.warn("A publish of " + bytes(dropped.size()) + " is larger than the backplane outbox ("
					+ "h3.pubsub.outbox-memory-limit=" + bytes(this.outbox.memoryLimit())
					+ "): other instances do not receive it");
		}
		else {
			this.logger.warn("Backplane outbox is full (" + publishes(this.outbox.size()) + ", "
					+ bytes(this.outbox.bytes()) + "; limits h3.pubsub.outbox-capacity=" + this.outbox.capacity()
					+ " and h3.pubsub.outbox-memory-limit=" + bytes(this.outbox.memoryLimit())
					+ "): other instances will miss publishes until the " + describe() + " backplane takes them again");
		}
	}

	@Override
	public void subscribe(Consumer<SyncMessage> consumer) {
		this.consumer = consumer;
	}

	@Override
	public void close() {
		Disposable attempt;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			attempt = this.connecting;
		}
		if (attempt != null) {
			attempt.dispose();
		}
		Disposable paused = this.pause;
		if (paused != null) {
			paused.dispose();
		}
		disconnect();
		int unsent = this.outbox.clear();
		if (unsent > 0) {
			this.logger.warn("Stopped the " + describe() + " backplane with " + publishes(unsent)
					+ " in the outbox: other instances do not receive them");
		}
	}

	/**
	 * Reports a message read from the server. Called by one thread at a time, in log
	 * order.
	 * @param bytes the encoded envelope
	 */
	protected final void received(byte[] bytes) {
		Envelope envelope;
		try {
			envelope = Envelope.decode(bytes);
		}
		catch (IllegalArgumentException ex) {
			this.logger
				.warn("Ignored a message on backplane channel '" + this.settings.channel() + "': " + ex.getMessage());
			return;
		}
		if (envelope.instance().equals(this.instance)) {
			return;
		}
		long gap = this.lastSequences.arrived(envelope.instance(), envelope.sequence(), this.clock.getAsLong());
		if (gap == LastSequences.REPEAT) {
			return;
		}
		if (gap > 0) {
			this.missed.addAndGet(gap);
			this.logger.warn("Missed " + gap + " publishes of instance " + envelope.instance()
					+ ": they are not in the backplane's replay log (older than its replay window when this instance "
					+ "reconnected, or refused by the server)");
		}
		Consumer<SyncMessage> target = this.consumer;
		if (target != null) {
			target.accept(envelope.message());
		}
	}

	/**
	 * Reports that the subscription or the sending connection is gone: the driver
	 * reconnects and publishes wait in the outbox meanwhile.
	 * @param cause what happened
	 */
	protected final void connectionLost(Throwable cause) {
		synchronized (this) {
			if (this.state != State.CONNECTED) {
				return;
			}
			this.state = State.CONNECTING;
			this.lastError = cause;
			this.troubled = true;
			if (!this.warnedUnreachable) {
				this.warnedUnreachable = true;
				this.logger.warn("Lost the " + describe() + " backplane (" + cause + "); publishes wait in the outbox"
						+ " while reconnecting");
			}
			else {
				this.logger.debug("Lost the " + describe() + " backplane again", cause);
			}
			reconnect();
		}
	}

	private void reconnect() {
		// After failed sends, even a connection that opens at once waits: a send that
		// always fails must not turn into a loop of reconnections.
		int failures = this.sendFailures;
		Mono<Long> wait = (failures > 0) ? Mono.delay(backoff(failures)) : Mono.just(0L);
		Mono<Void> attempt = Mono.defer(this::connect)
			.timeout(this.settings.connectTimeout())
			.doOnError(this::connectionFailed)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.settings.initialBackoff())
				.maxBackoff(this.settings.maxBackoff()));
		this.connecting = wait.then(attempt)
			.subscribe(null, (ex) -> this.logger.error("Gave up connecting to the backplane", ex), this::connected);
	}

	private void connectionFailed(Throwable error) {
		this.lastError = error;
		if (isPermanent(error)) {
			// Fail-fast need not wait for the timeout: no attempt will do better.
			this.firstConnection.completeExceptionally(error);
		}
		boolean warn;
		synchronized (this) {
			warn = !this.warnedUnreachable;
			this.warnedUnreachable = true;
			this.troubled = true;
		}
		if (warn) {
			this.logger.warn("Could not " + (this.connectedOnce ? "reconnect" : "connect") + " to the " + describe()
					+ " backplane (" + explain(error) + "); retrying in the background with a backoff up to "
					+ DurationStyle.SIMPLE.print(this.settings.maxBackoff())
					+ ", publishes wait in the outbox meanwhile");
		}
		else {
			this.logger.debug("Backplane connection attempt failed", error);
		}
	}

	private static String explain(Throwable error) {
		BackplaneConfigurationException configuration = causedBy(error, BackplaneConfigurationException.class);
		return (configuration != null) ? configuration.getMessage() + " " + configuration.action()
				: String.valueOf(error);
	}

	private void connected() {
		long dropped;
		int queued;
		boolean reportReconnection;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CONNECTED;
			this.lastError = null;
			this.lastSequences.connected(this.clock.getAsLong());
			dropped = this.outbox.resetDropped();
			queued = this.outbox.size();
			reportReconnection = !this.reportedReconnection;
			this.reportedReconnection = true;
			this.troubled = true;
			if (queued == 0) {
				troubleOver();
			}
		}
		this.firstConnection.complete(null);
		if (!this.connectedOnce) {
			this.connectedOnce = true;
			this.logger.info("Connected to the " + describe() + " backplane on channel '" + this.settings.channel()
					+ "' as instance " + this.instance);
		}
		else if (reportReconnection) {
			this.logger.info("Reconnected to the " + describe() + " backplane: sending " + queued + " queued publishes"
					+ ((dropped > 0) ? ", " + dropped + " were dropped (outbox full)" : ""));
		}
		else {
			this.logger
				.debug("Reconnected to the " + describe() + " backplane: sending " + queued + " queued publishes");
		}
		drain();
	}

	/**
	 * Called once a send succeeded, or once connected with nothing to send: the next
	 * trouble is news.
	 */
	private synchronized void troubleOver() {
		this.troubled = false;
		this.warnedUnreachable = false;
		this.warnedRefused = false;
		this.reportedReconnection = false;
	}

	private void drain() {
		while (this.state == State.CONNECTED && this.sending.compareAndSet(false, true)) {
			List<byte[]> batch = this.outbox.nextBatch(MAX_BATCH_MESSAGES, MAX_BATCH_BYTES);
			if (batch.isEmpty()) {
				this.sending.set(false);
				if (this.outbox.isEmpty()) {
					return;
				}
				continue;
			}
			send(batch).subscribe(null, (ex) -> sendFailed(batch, ex), () -> sent(batch));
			return;
		}
	}

	private void sent(List<byte[]> batch) {
		this.outbox.remove(batch.size());
		this.sendFailures = 0;
		if (this.troubled) {
			troubleOver();
		}
		if (this.refusing) {
			this.refusing = false;
			this.lastError = null;
			this.logger.info("The " + describe() + " backplane accepts publishes again");
		}
		this.sending.set(false);
		drain();
	}

	private void sendFailed(List<byte[]> batch, Throwable error) {
		int failures = ++this.sendFailures;
		if (!isPermanent(error)) {
			this.sending.set(false);
			connectionLost(error);
			return;
		}
		this.outbox.remove(batch.size());
		this.refused.addAndGet(batch.size());
		this.lastError = error;
		this.refusing = true;
		boolean warn;
		synchronized (this) {
			warn = !this.warnedRefused;
			this.warnedRefused = true;
			this.troubled = true;
		}
		Duration delay = backoff(failures);
		if (warn) {
			this.logger
				.warn("The " + describe() + " backplane refused " + publishes(batch.size()) + " (" + explain(error)
						+ "): they are dropped for the other instances, the next ones are tried after a backoff up to "
						+ DurationStyle.SIMPLE.print(this.settings.maxBackoff())
						+ ", and the health is DOWN until one is accepted");
		}
		else {
			this.logger.debug("The " + describe() + " backplane refused " + publishes(batch.size()), error);
		}
		// The sending flag stays set: publishes meanwhile wait in the outbox.
		this.pause = Mono.delay(delay).subscribe((tick) -> {
			this.sending.set(false);
			drain();
		});
	}

	private static String bytes(long count) {
		DataSize size = DataSize.ofBytes(count);
		if (count >= 1024 * 1024 && count % (1024 * 1024) == 0) {
			return size.toMegabytes() + "MB";
		}
		return (count >= 1024 && count % 1024 == 0) ? size.toKilobytes() + "KB" : count + " bytes";
	}

	private static String publishes(long count) {
		return count + ((count == 1) ? " publish" : " publishes");
	}

	/**
	 * The backoff after the given number of failures in a row: the initial one, doubled
	 * each time.
	 */
	private Duration backoff(int failures) {
		Duration delay = this.settings.initialBackoff();
		for (int i = 1; i < failures && delay.compareTo(this.settings.maxBackoff()) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.settings.maxBackoff()) < 0) ? delay : this.settings.maxBackoff();
	}

	public BackplaneSettings settings() {
		return this.settings;
	}

	public UUID instance() {
		return this.instance;
	}

	public State state() {
		return this.state;
	}

	public @Nullable Throwable lastError() {
		return this.lastError;
	}

	/** Publishes waiting to be sent. */
	public int outboxSize() {
		return this.outbox.size();
	}

	/** Bytes of the publishes waiting to be sent. */
	public long outboxBytes() {
		return this.outbox.bytes();
	}

	/** How many other instances this one remembers the last sequence number of. */
	int knownInstances() {
		return this.lastSequences.size();
	}

	/** Publishes dropped because the outbox was full. */
	public long overflowed() {
		return this.overflowed.get();
	}

	/** Publishes of other instances that could not be replayed after a disconnection. */
	public long missed() {
		return this.missed.get();
	}

	/** Publishes that the server refused, dropped for the other instances. */
	public long refused() {
		return this.refused.get();
	}

	/**
	 * Whether the backplane carries publishes: connected, and the last send was not
	 * refused.
	 * @return whether it is healthy
	 */
	public boolean isHealthy() {
		return this.state == State.CONNECTED && !this.refusing;
	}

}
