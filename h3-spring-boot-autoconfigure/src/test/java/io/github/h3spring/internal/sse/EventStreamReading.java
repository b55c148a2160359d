package io.github.h3spring.internal.sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.BaseSubscriber;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a stream's client received, events only (no comments), for the topic feed tests:
 * the events taken with {@link #next()} and those still waiting.
 */
final class EventStreamReading extends BaseSubscriber<ServerSentEvent<String>> {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final BlockingQueue<ServerSentEvent<String>> waiting = new LinkedBlockingQueue<>();

	private final List<ServerSentEvent<String>> taken = new ArrayList<>();

	@Override
	protected void hookOnNext(ServerSentEvent<String> event) {
		if (event.data() != null) {
			this.waiting.add(event);
		}
	}

	/** The next event, within 10 seconds. */
	ServerSentEvent<String> next() throws InterruptedException {
		ServerSentEvent<String> event = this.waiting.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(event).as("an event within %s", WAIT).isNotNull();
		this.taken.add(event);
		return event;
	}

	/** The data of the next events, which must not be resets. */
	List<String> data(int count) throws InterruptedException {
		List<String> data = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ServerSentEvent<String> event = next();
			assertThat(event.event()).as("event %d, %s", i, event.data()).isNull();
			data.add(event.data());
		}
		return data;
	}

	/** The events taken with {@link #next()}, in order. */
	List<ServerSentEvent<String>> taken() {
		return this.taken;
	}

	/** The events received and not taken yet. */
	List<ServerSentEvent<String>> waiting() {
		return List.copyOf(this.waiting);
	}

	/** Every event received: those taken, then those waiting. */
	List<ServerSentEvent<String>> events() {
		List<ServerSentEvent<String>> all = new ArrayList<>(this.taken);
		all.addAll(this.waiting);
		return all;
	}

	void close() {
		dispose();
	}

}
