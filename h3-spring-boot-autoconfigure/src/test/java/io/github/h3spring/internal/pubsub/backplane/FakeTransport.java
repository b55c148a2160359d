package io.github.h3spring.internal.pubsub.backplane;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * A backplane transport in memory: each test decides what connecting and sending do, and
 * reads what the server stored.
 */
final class FakeTransport extends BackplaneDriver {

	final AtomicInteger connects = new AtomicInteger();

	final AtomicInteger sends = new AtomicInteger();

	final AtomicInteger disconnects = new AtomicInteger();

	/** What the server stored, in order. */
	final List<Envelope> stored = new CopyOnWriteArrayList<>();

	volatile Supplier<Mono<Void>> connection = Mono::empty;

	/** Answers a send; the envelopes are stored when the answer completes. */
	volatile Function<List<byte[]>, Mono<Void>> server = (envelopes) -> Mono.empty();

	FakeTransport(BackplaneSettings settings) {
		super(settings);
	}

	FakeTransport(BackplaneSettings settings, LongSupplier clock) {
		super(settings, clock);
	}

	@Override
	protected Mono<Void> connect() {
		this.connects.incrementAndGet();
		return Mono.defer(this.connection);
	}

	@Override
	protected Mono<Void> send(List<byte[]> envelopes) {
		this.sends.incrementAndGet();
		return Mono.defer(() -> this.server.apply(envelopes))
			.then(Mono.fromRunnable(() -> envelopes.forEach((bytes) -> this.stored.add(Envelope.decode(bytes)))));
	}

	@Override
	protected void disconnect() {
		this.disconnects.incrementAndGet();
	}

	@Override
	protected boolean isPermanent(Throwable error) {
		return super.isPermanent(error) || error instanceof Refused;
	}

	@Override
	public String describe() {
		return "Fake";
	}

	/** Reports that the connection broke, as a transport's client would. */
	void lose(Throwable cause) {
		connectionLost(cause);
	}

	/** Reports an envelope as the server would deliver it. */
	void receive(Envelope envelope) {
		received(envelope.encode());
	}

	/** The server's answer that it will never take this command. */
	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

}
