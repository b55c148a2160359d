package io.github.h3spring.internal.sse;

import java.time.Duration;
import java.util.List;

import io.github.h3spring.sse.EventStreamMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.http.codec.ServerSentEvent;

/**
 * What a stream writes in one go: one event, several pushed together, a comment or a
 * retry field. Holds its encoded bytes, which a topic event shares among all its streams
 * and its replay buffer; the bytes are plain heap memory, so a frame that is never
 * written needs no release.
 */
final class SseFrame {

	/**
	 * Written first so that the response headers reach the client before any event: no
	 * bytes of its own, or, through WebFlux's encoder, a blank line, which clients
	 * ignore.
	 */
	static final SseFrame START = new SseFrame(new byte[0], List.of(ServerSentEvent.builder().build()), 0);

	static final SseFrame HEARTBEAT = comment("keep-alive");

	private final byte[] wire;

	/**
	 * The events as pushed: {@link EventStreamMessage}s, converted only for a
	 * {@code Flux}.
	 */
	private final List<?> source;

	/** How many events (not comments or a lone retry) the frame holds. */
	private final int eventCount;

	private SseFrame(byte[] wire, List<?> source, int eventCount) {
		this.wire = wire;
		this.source = source;
		this.eventCount = eventCount;
	}

	static SseFrame message(EventStreamMessage message) {
		return new SseFrame(SseWireFormat.message(message), List.of(message), 1);
	}

	static SseFrame messages(List<EventStreamMessage> messages) {
		return new SseFrame(SseWireFormat.messages(messages), messages, messages.size());
	}

	/** A topic event, built once for every stream. */
	static SseFrame data(@Nullable String id, String data) {
		ServerSentEvent.Builder<String> event = ServerSentEvent.<String>builder().data(data);
		if (id != null) {
			event.id(id);
		}
		return new SseFrame(SseWireFormat.data(id, data), List.of(event.build()), 1);
	}

	static SseFrame comment(String comment) {
		return new SseFrame(SseWireFormat.comment(comment),
				List.of(ServerSentEvent.<String>builder().comment(comment).build()), 0);
	}

	static SseFrame retry(Duration retry) {
		return new SseFrame(SseWireFormat.retry(retry), List.of(ServerSentEvent.<String>builder().retry(retry).build()),
				0);
	}

	/** Bytes on the wire, which count against the stream's send buffer limit. */
	int size() {
		return this.wire.length;
	}

	int eventCount() {
		return this.eventCount;
	}

	/** The encoded bytes, shared: never to be modified. */
	byte[] wire() {
		return this.wire;
	}

	/**
	 * The same events for WebFlux's own encoder, when the stream is sent as a
	 * {@code Flux}.
	 */
	@SuppressWarnings("unchecked")
	List<ServerSentEvent<String>> events() {
		if (this.source.isEmpty() || !(this.source.get(0) instanceof EventStreamMessage)) {
			return (List<ServerSentEvent<String>>) this.source;
		}
		return this.source.stream().map((message) -> toEvent((EventStreamMessage) message)).toList();
	}

	private static ServerSentEvent<String> toEvent(EventStreamMessage message) {
		ServerSentEvent.Builder<String> event = ServerSentEvent.<String>builder().data(message.data());
		if (message.id() != null) {
			event.id(message.id());
		}
		if (message.event() != null) {
			event.event(message.event());
		}
		if (message.retry() != null) {
			event.retry(message.retry());
		}
		return event.build();
	}

}
