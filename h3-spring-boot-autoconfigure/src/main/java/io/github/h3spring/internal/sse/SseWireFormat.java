package io.github.h3spring.internal.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.h3spring.sse.EventStreamMessage;
import org.jspecify.annotations.Nullable;

/**
 * Encodes events as the {@code text/event-stream} format, field names followed by a space
 * as h3 writes them: {@code id: }, {@code event: }, {@code retry: } and one
 * {@code data: } line per line of the data (CR, LF and CRLF all end a line), then a blank
 * line; comments as {@code : } lines. Output is UTF-8.
 */
final class SseWireFormat {

	private static final byte[] ID = ascii("id: ");

	private static final byte[] EVENT = ascii("event: ");

	private static final byte[] RETRY = ascii("retry: ");

	private static final byte[] DATA = ascii("data: ");

	private static final byte[] COMMENT = ascii(": ");

	private byte[] bytes;

	private int length;

	private SseWireFormat(int capacity) {
		this.bytes = new byte[capacity];
	}

	static byte[] message(EventStreamMessage message) {
		SseWireFormat out = new SseWireFormat(message.data().length() + 16);
		out.writeMessage(message);
		return out.toByteArray();
	}

	static byte[] messages(List<EventStreamMessage> messages) {
		SseWireFormat out = new SseWireFormat(64 * messages.size());
		messages.forEach(out::writeMessage);
		return out.toByteArray();
	}

	/** An event with data and an optional id, as a topic publish becomes. */
	static byte[] data(@Nullable String id, String data) {
		SseWireFormat out = new SseWireFormat(data.length() + 32);
		if (id != null) {
			out.field(ID, id);
		}
		out.lines(DATA, data);
		out.newline();
		return out.toByteArray();
	}

	static byte[] comment(String comment) {
		SseWireFormat out = new SseWireFormat(comment.length() + 4);
		out.lines(COMMENT, comment);
		out.newline();
		return out.toByteArray();
	}

	/** A retry field alone: browsers adopt the delay and dispatch no event. */
	static byte[] retry(Duration retry) {
		SseWireFormat out = new SseWireFormat(24);
		out.field(RETRY, Long.toString(retry.toMillis()));
		out.newline();
		return out.toByteArray();
	}

	private void writeMessage(EventStreamMessage message) {
		if (message.id() != null) {
			field(ID, message.id());
		}
		if (message.event() != null) {
			field(EVENT, message.event());
		}
		Duration retry = message.retry();
		if (retry != null) {
			field(RETRY, Long.toString(retry.toMillis()));
		}
		lines(DATA, message.data());
		newline();
	}

	private void lines(byte[] prefix, String text) {
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r' || c == '\n') {
				field(prefix, text.substring(start, i));
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				start = i + 1;
			}
		}
		field(prefix, (start == 0) ? text : text.substring(start));
	}

	private void field(byte[] prefix, String value) {
		write(prefix);
		write(value.getBytes(StandardCharsets.UTF_8));
		newline();
	}

	private void newline() {
		ensure(1);
		this.bytes[this.length++] = '\n';
	}

	private void write(byte[] source) {
		ensure(source.length);
		System.arraycopy(source, 0, this.bytes, this.length, source.length);
		this.length += source.length;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

	private byte[] toByteArray() {
		return (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
