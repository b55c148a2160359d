package io.github.h3spring.sse;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;

/**
 * A Server-Sent Events response, as h3's {@code EventStream}: create it with
 * {@link io.github.h3spring.H3#createEventStream(io.github.h3spring.H3Event)
 * createEventStream}, return {@link #send()} (or the stream itself) from the handler, and
 * {@link #push(String) push} events from any thread, before or after the response has
 * started.
 * <p>
 * Every method is thread-safe and none blocks. Events are written in the order they were
 * pushed, each flushed to the client as soon as the connection takes it. Once the stream
 * is closed (by {@link #close()}, by the client going away, by a client too slow to read,
 * or by the application shutting down), pushing is a no-op.
 * <p>
 * Events wait in a per-stream buffer while the client does not read or the stream is
 * {@link #pause() paused}; when that buffer exceeds {@code h3.sse.send-buffer-limit} the
 * stream is closed and the reason logged.
 */
public interface EventStream {

	/**
	 * The event name of the event sent instead of a replay when the client's
	 * {@code Last-Event-ID} is older than what the replay buffer holds (or unknown): the
	 * client missed events and should reload its state. Its data is the id that could not
	 * be resumed; its id is the current position, so that the next reconnection resumes
	 * from there.
	 */
	String RESET_EVENT = "h3-reset";

	/**
	 * Pushes an event with data only.
	 * @param data the data, may span several lines
	 */
	void push(String data);

	/**
	 * Pushes an event.
	 * @param message the event
	 */
	void push(EventStreamMessage message);

	/**
	 * Pushes several events at once, written together and never interleaved with other
	 * pushes, as h3's {@code push(string[] | EventStreamMessage[])}.
	 * @param messages the events, each a {@code String} (the data) or an
	 * {@link EventStreamMessage}
	 * @throws IllegalArgumentException if an element is of another type
	 */
	void push(Collection<?> messages);

	/**
	 * Pushes a comment, which clients ignore: useful to keep a connection alive by hand
	 * or to annotate the stream for a human reading it with {@code curl}.
	 * @param comment the comment, may span several lines
	 */
	void pushComment(String comment);

	/**
	 * Holds the events pushed from now on until {@link #resume()} (or {@link #flush()});
	 * they are kept in order and count against the send buffer limit. Heartbeats still go
	 * out.
	 */
	void pause();

	/**
	 * Sends the events held while paused, in order, and stops holding new ones.
	 */
	void resume();

	/**
	 * Returns whether the stream holds pushed events.
	 * @return whether the stream is paused
	 */
	boolean isPaused();

	/**
	 * Sends the events held so far even though the stream stays paused, as h3's
	 * {@code flush()}; without a pause every event is already on its way.
	 */
	void flush();

	/**
	 * Closes the stream: the events pushed before are still sent (held ones included),
	 * then the response ends. Closing twice, or a stream that the client already left,
	 * does nothing.
	 */
	void close();

	/**
	 * Returns whether the stream is closed.
	 * @return whether the stream is closed
	 */
	boolean isClosed();

	/**
	 * Registers a callback that runs once when the stream closes: when the client goes
	 * away (within a second of the disconnect), when {@link #close()} is called, when the
	 * client is too slow, or when the application shuts down. A callback registered after
	 * the stream closed runs at once. A callback that throws is logged and the others
	 * still run.
	 * @param callback the callback
	 */
	void onClosed(Runnable callback);

	/**
	 * Returns the {@code Last-Event-ID} header of the request: the id of the last event
	 * the client received before it reconnected.
	 * @return the id, or {@code null} on a first connection
	 */
	@Nullable String lastEventId();

	/**
	 * Delivers every publish on a topic as an event, from {@code WebSocketHub.publish}
	 * and {@code peer.publish} of any namespace (and, with a backplane, of every
	 * instance). Text becomes the event's data; JSON payloads arrive as their JSON text
	 * and binary payloads as Base64.
	 * <p>
	 * Topic events carry ids. A client reconnecting with one of them in
	 * {@code Last-Event-ID} first receives, in order and without duplicates, the events
	 * of this topic that it missed (up to {@code h3.sse.replay-buffer-size} per topic),
	 * or a {@link #RESET_EVENT} when they are no longer available. The stream leaves the
	 * topic when it closes.
	 * @param topic the topic
	 */
	void subscribe(String topic);

	/**
	 * Subscribes to several topics at once, so that the events missed on all of them are
	 * replayed together in the order they were published.
	 * @param topics the topics
	 * @see #subscribe(String)
	 */
	void subscribe(Collection<String> topics);

	/**
	 * Stops delivering the publishes of a topic.
	 * @param topic the topic
	 */
	void unsubscribe(String topic);

	/**
	 * Returns the response for the running stack, what an {@code EventHandler} or a
	 * functional route returns: status 200, {@code text/event-stream},
	 * {@code cache-control} that forbids caching and transformation, and
	 * {@code x-accel-buffering: no} so that proxies do not buffer. On WebFlux it is a
	 * {@code Mono<ServerResponse>} (WebFlux's {@code ServerResponse}), on Spring MVC a
	 * servlet {@code org.springframework.web.servlet.function.ServerResponse}; the type
	 * is inferred where it is returned, so {@code return stream.send();} reads the same
	 * on both. A stream is sent once.
	 * @param <T> the response type of the stack
	 * @return the response
	 * @throws ClassCastException when assigned to the response type of the other stack
	 */
	<T> T send();

	/**
	 * Returns the events as a {@code Flux} for an annotated controller method that
	 * produces {@code text/event-stream}; WebFlux encodes them. A stream is sent once.
	 * @return the events, completing when the stream closes
	 */
	Flux<ServerSentEvent<String>> flux();

}
