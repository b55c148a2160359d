package io.github.h3spring.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Parses a {@code text/event-stream} body fed in arbitrary chunks, as the HTML standard's
 * event-stream interpretation does: lines end with CRLF, LF or CR, a blank line
 * dispatches the event, lines starting with a colon are comments. As in a browser, a
 * block without data dispatches nothing, while its {@code id} and {@code retry} still
 * count. Not thread-safe: one connection feeds it in order.
 */
final class SseParser {

	private final Consumer<TestServerSentEvent> events;

	private final Consumer<String> comments;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private boolean afterCarriageReturn;

	private boolean firstLine = true;

	private final StringBuilder data = new StringBuilder();

	private @Nullable String id;

	private @Nullable String event;

	private @Nullable Duration retry;

	private volatile @Nullable String lastEventId;

	private volatile @Nullable Duration reconnectionTime;

	SseParser(Consumer<TestServerSentEvent> events, Consumer<String> comments) {
		this.events = events;
		this.comments = comments;
	}

	void feed(byte[] chunk) {
		for (byte b : chunk) {
			if (b == '\n' && this.afterCarriageReturn) {
				this.afterCarriageReturn = false;
				continue;
			}
			this.afterCarriageReturn = (b == '\r');
			if (b == '\r' || b == '\n') {
				processLine(this.line.toString(StandardCharsets.UTF_8));
				this.line.reset();
			}
			else {
				this.line.write(b);
			}
		}
	}

	private void processLine(String text) {
		if (this.firstLine) {
			this.firstLine = false;
			text = text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		if (text.isEmpty()) {
			dispatch();
			return;
		}
		if (text.startsWith(":")) {
			this.comments.accept(text.substring(1).stripLeading());
			return;
		}
		int colon = text.indexOf(':');
		String field = (colon < 0) ? text : text.substring(0, colon);
		String value = (colon < 0) ? "" : text.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "data" -> this.data.append(value).append('\n');
			case "event" -> this.event = value;
			case "id" -> {
				if (!value.contains("\0")) {
					this.id = value;
					this.lastEventId = value;
				}
			}
			case "retry" -> {
				if (value.matches("\\d+")) {
					this.retry = Duration.ofMillis(Long.parseLong(value));
					this.reconnectionTime = this.retry;
				}
			}
			default -> {
				// unknown fields are ignored, as browsers do
			}
		}
	}

	private void dispatch() {
		if (!this.data.isEmpty()) {
			String payload = this.data.substring(0, this.data.length() - 1);
			this.events.accept(new TestServerSentEvent(this.id, (this.event != null) ? this.event : "message", payload,
					this.retry));
		}
		this.data.setLength(0);
		this.event = null;
		this.id = null;
		this.retry = null;
	}

	/**
	 * The last {@code id} received, as a browser would send it in {@code Last-Event-ID}.
	 */
	@Nullable String lastEventId() {
		return this.lastEventId;
	}

	/** The last {@code retry} received. */
	@Nullable Duration reconnectionTime() {
		return this.reconnectionTime;
	}

}
