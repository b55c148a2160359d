package io.github.h3spring.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * An open Server-Sent Events response of the application under test. Every event is kept
 * in order: read them one by one with {@link #next()} (blocking, with a timeout) or as a
 * {@link #events() Flux} for {@code StepVerifier}; comments (such as keep-alive
 * heartbeats) are kept apart, for {@link #nextComment()}. Thread-safe.
 */
public final class TestEventStream implements AutoCloseable {

	private final BlockingQueue<TestServerSentEvent> received = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();

	private final Sinks.Many<TestServerSentEvent> events = Sinks.many().replay().all();

	private final Sinks.One<HttpClientResponse> responded = Sinks.one();

	private final Sinks.Empty<Void> ended = Sinks.empty();

	private final SseParser parser = new SseParser(this::onEvent, this.comments::add);

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	private volatile @Nullable Throwable error;

	private final Duration timeout;

	private volatile @Nullable HttpClientResponse response;

	private volatile @Nullable Disposable connection;

	private TestEventStream(Duration timeout) {
		this.timeout = timeout;
	}

	static TestEventStream open(HttpClient http, String url, Duration timeout) {
		TestEventStream stream = new TestEventStream(timeout);
		stream.connection = http.get().uri(url).response((response, body) -> {
			stream.response = response;
			stream.responded.tryEmitValue(response);
			return body.asByteArray().doOnNext(stream::onChunk);
		}).subscribe(null, (error) -> {
			stream.error = error;
			stream.responded.tryEmitError(error);
			stream.end();
		}, stream::end);
		stream.responded.asMono().block(timeout);
		return stream;
	}

	private void onChunk(byte[] chunk) {
		synchronized (this.body) {
			this.body.writeBytes(chunk);
		}
		this.parser.feed(chunk);
	}

	private void onEvent(TestServerSentEvent event) {
		this.received.add(event);
		this.events.tryEmitNext(event);
	}

	private void end() {
		this.events.tryEmitComplete();
		this.ended.tryEmitEmpty();
	}

	/**
	 * Returns the HTTP status of the response.
	 * @return the status code
	 */
	public int status() {
		return response().status().code();
	}

	/**
	 * Returns the response headers.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return response().responseHeaders();
	}

	private HttpClientResponse response() {
		HttpClientResponse current = this.response;
		if (current == null) {
			throw new IllegalStateException("The response has not started");
		}
		return current;
	}

	/**
	 * Waits for the next event.
	 * @return the event
	 * @throws AssertionError when none arrives within the default timeout
	 */
	public TestServerSentEvent next() {
		return next(this.timeout);
	}

	/**
	 * Waits for the next event.
	 * @param timeout how long to wait
	 * @return the event
	 * @throws AssertionError when none arrives in time
	 */
	public TestServerSentEvent next(Duration timeout) {
		TestServerSentEvent event = poll(this.received, timeout);
		if (event == null) {
			throw new AssertionError("No Server-Sent Event within " + timeout);
		}
		return event;
	}

	/**
	 * Waits for the next event and returns its data.
	 * @return the data
	 */
	public String nextData() {
		return next().data();
	}

	/**
	 * Returns the next event if one arrives within the timeout.
	 * @param timeout how long to wait
	 * @return the event, or {@code null} when none arrived
	 */
	public @Nullable TestServerSentEvent poll(Duration timeout) {
		return poll(this.received, timeout);
	}

	/**
	 * Waits for the next comment line (the text after the colon).
	 * @return the comment
	 * @throws AssertionError when none arrives within the default timeout
	 */
	public String nextComment() {
		String comment = poll(this.comments, this.timeout);
		if (comment == null) {
			throw new AssertionError("No Server-Sent Events comment within " + this.timeout);
		}
		return comment;
	}

	private static <T> @Nullable T poll(BlockingQueue<T> queue, Duration timeout) {
		try {
			return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for the event stream", ex);
		}
	}

	/**
	 * Returns every event received since the stream opened, then the ones to come;
	 * completes when the server ends the response. Independent of {@link #next()}.
	 * @return the events
	 */
	public Flux<TestServerSentEvent> events() {
		return this.events.asFlux();
	}

	/**
	 * Returns the last {@code id} the server sent, as a browser would send it back in
	 * {@code Last-Event-ID} when it reconnects.
	 * @return the last event id, or {@code null}
	 */
	public @Nullable String lastEventId() {
		return this.parser.lastEventId();
	}

	/**
	 * Returns the last {@code retry} the server sent.
	 * @return the reconnection time, or {@code null}
	 */
	public @Nullable Duration retry() {
		return this.parser.reconnectionTime();
	}

	/**
	 * Returns every byte of the body received so far, decoded as UTF-8: the exact
	 * framing.
	 * @return the body so far
	 */
	public String body() {
		synchronized (this.body) {
			return this.body.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Returns what broke the connection, such as a reset or a connection closed before
	 * the end of the response.
	 * @return the error, or {@code null} while the stream is open, once the server ended
	 * the response cleanly, or after {@link #close()}
	 */
	public @Nullable Throwable error() {
		return this.error;
	}

	/**
	 * Completes when the server ends the response.
	 * @return completion
	 */
	public Mono<Void> completion() {
		return this.ended.asMono();
	}

	/**
	 * Waits for the server to end the response.
	 * @throws AssertionError when the response is still open after the default timeout
	 */
	public void awaitComplete() {
		awaitComplete(this.timeout);
	}

	/**
	 * Waits for the server to end the response.
	 * @param timeout how long to wait
	 * @throws AssertionError when the response is still open after the timeout
	 */
	public void awaitComplete(Duration timeout) {
		try {
			this.ended.asMono().block(timeout);
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("The event stream was still open after " + timeout, ex);
		}
	}

	/**
	 * Disconnects, as a browser does when its page closes.
	 */
	@Override
	public void close() {
		Disposable open = this.connection;
		if (open != null) {
			open.dispose();
		}
		end();
	}

}
