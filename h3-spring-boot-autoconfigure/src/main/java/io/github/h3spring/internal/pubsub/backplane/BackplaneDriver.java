package io.github.h3spring.internal.pubsub.backplane;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * The part of a backplane driver that does not depend on the server: publishes wait in a
 * bounded outbox and leave it in order, only once the server has them; a lost connection is
 * re-established with exponential backoff; messages from other instances are de-duplicated
 * and checked for gaps by their publisher's sequence number; our own are ignored.
 * <p>
 * A transport implements {@link #connect()} (subscribe and read its log from where it stands,
 * through a {@link LogCursor}), {@link #send(List)} and {@link #disconnect()}, and reports
 * what it receives to {@link #received(byte[])} one at a time, in log order.
 * <p>
 * Connects when the application context starts, and disconnects when it stops: after the
 * web server, so that publishes made during a graceful shutdown still go out, and before the
 * connection factories it uses.
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

	private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();

	private final AtomicBoolean sending = new AtomicBoolean();

	private final Map<UUID, Long> lastSequences = new ConcurrentHashMap<>();

	private final AtomicLong overflowed = new AtomicLong();

	private final AtomicLong missed = new AtomicLong();

	private long sequence;

	private long overflowedWhileDisconnected;

	private volatile State state = State.CONNECTING;

	private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();

	private volatile @Nullable Throwable lastError;

	private volatile @Nullable Consumer<SyncMessage> consumer;

	private @Nullable Disposable connecting;

	protected BackplaneDriver(BackplaneSettings settings) {
		this.settings = settings;
	}

	/**
	 * Opens a subscription and delivers through {@link #received(byte[])} what the log holds
	 * since the last message received (since the first attempt, on the first connection).
	 * Completes once messages flow.
	 * @return completion
	 */
	protected abstract Mono<Void> connect();

	/**
	 * Sends encoded envelopes, in order. Completes once the server has stored all of them.
	 * @param envelopes the envelopes
	 * @return completion
	 */
	protected abstract Mono<Void> send(List<byte[]> envelopes);

	/**
	 * Releases the connections.
	 */
	protected abstract void disconnect();

	/**
	 * Describes the server, for logs and health details.
	 * @return a description such as {@code redis}
	 */
	public abstract String describe();

	/**
	 * Starts connecting in the background or, with fail-fast, waits for the first connection.
	 * @throws IllegalStateException when fail-fast and the first connection attempt failed
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
		catch (ExecutionException | TimeoutException ex) {
			close();
			throw new IllegalStateException("Could not connect to the " + describe() + " backplane within " + timeout
					+ " and h3.pubsub.fail-fast is set; without it the application starts and keeps reconnecting",
					this.lastError);
		}
	}

	@Override
	public final void stop() {
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
		synchronized (this.outbox) {
			if (this.outbox.size() >= this.settings.outboxCapacity()) {
				this.overflowed.incrementAndGet();
				if (this.overflowedWhileDisconnected++ == 0) {
					this.logger.warn("Backplane outbox is full (" + this.settings.outboxCapacity()
							+ " publishes): other instances will miss publishes until the " + describe()
							+ " backplane is reachable again");
				}
				return;
			}
			this.outbox.add(new Envelope(this.instance, ++this.sequence, message).encode());
		}
		drain();
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
		disconnect();
	}

	/**
	 * Reports a message read from the server. Called by one thread at a time, in log order.
	 * @param bytes the encoded envelope
	 */
	protected final void received(byte[] bytes) {
		Envelope envelope;
		try {
			envelope = Envelope.decode(bytes);
		}
		catch (IllegalArgumentException ex) {
			this.logger.warn("Ignored a message on backplane channel '" + this.settings.channel() + "': "
					+ ex.getMessage());
			return;
		}
		if (envelope.instance().equals(this.instance)) {
			return;
		}
		Long last = this.lastSequences.get(envelope.instance());
		if (last != null && envelope.sequence() <= last) {
			return;
		}
		if (last != null && envelope.sequence() > last + 1) {
			long gap = envelope.sequence() - last - 1;
			this.missed.addAndGet(gap);
			this.logger.warn("Missed " + gap + " publishes of instance " + envelope.instance()
					+ ": they left the backplane's replay log before this instance reconnected");
		}
		this.lastSequences.put(envelope.instance(), envelope.sequence());
		Consumer<SyncMessage> target = this.consumer;
		if (target != null) {
			target.accept(envelope.message());
		}
	}

	/**
	 * Reports that the subscription or the sending connection is gone: the driver reconnects
	 * and publishes wait in the outbox meanwhile.
	 * @param cause what happened
	 */
	protected final void connectionLost(Throwable cause) {
		synchronized (this) {
			if (this.state != State.CONNECTED) {
				return;
			}
			this.state = State.CONNECTING;
			this.lastError = cause;
			this.logger.warn("Lost the " + describe() + " backplane (" + cause + "); publishes wait in the outbox"
					+ " while reconnecting");
			reconnect();
		}
	}

	private void reconnect() {
		this.connecting = Mono.defer(this::connect)
			.timeout(this.settings.connectTimeout())
			.doOnError((ex) -> {
				this.lastError = ex;
				this.logger.debug("Backplane connection attempt failed", ex);
			})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.settings.initialBackoff())
				.maxBackoff(this.settings.maxBackoff()))
			.subscribe(null, (ex) -> this.logger.error("Gave up connecting to the backplane", ex), this::connected);
	}

	private void connected() {
		long dropped;
		int queued;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CONNECTED;
			this.lastError = null;
			synchronized (this.outbox) {
				dropped = this.overflowedWhileDisconnected;
				this.overflowedWhileDisconnected = 0;
				queued = this.outbox.size();
			}
		}
		if (this.firstConnection.complete(null)) {
			this.logger.info("Connected to the " + describe() + " backplane on channel '" + this.settings.channel()
					+ "' as instance " + this.instance);
		}
		else {
			this.logger.info("Reconnected to the " + describe() + " backplane: sending " + queued
					+ " queued publishes" + ((dropped > 0) ? ", " + dropped + " were dropped (outbox full)" : ""));
		}
		drain();
	}

	private void drain() {
		while (this.state == State.CONNECTED && this.sending.compareAndSet(false, true)) {
			List<byte[]> batch = nextBatch();
			if (batch.isEmpty()) {
				this.sending.set(false);
				synchronized (this.outbox) {
					if (this.outbox.isEmpty()) {
						return;
					}
				}
				continue;
			}
			send(batch).subscribe(null, (ex) -> {
				this.sending.set(false);
				connectionLost(ex);
			}, () -> {
				synchronized (this.outbox) {
					for (int i = 0; i < batch.size(); i++) {
						this.outbox.poll();
					}
				}
				this.sending.set(false);
				drain();
			});
			return;
		}
	}

	private List<byte[]> nextBatch() {
		List<byte[]> batch = new ArrayList<>();
		int bytes = 0;
		synchronized (this.outbox) {
			for (byte[] envelope : this.outbox) {
				if (!batch.isEmpty() && (batch.size() == MAX_BATCH_MESSAGES || bytes + envelope.length > MAX_BATCH_BYTES)) {
					break;
				}
				batch.add(envelope);
				bytes += envelope.length;
			}
		}
		return batch;
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
		synchronized (this.outbox) {
			return this.outbox.size();
		}
	}

	/** Publishes dropped because the outbox was full. */
	public long overflowed() {
		return this.overflowed.get();
	}

	/** Publishes of other instances that could not be replayed after a disconnection. */
	public long missed() {
		return this.missed.get();
	}

}
