package io.github.h3spring.sse;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One Server-Sent Event, as h3's {@code EventStreamMessage}: the data and, optionally, an
 * id, an event name and a reconnection delay. Immutable; one instance can be pushed to
 * any number of streams.
 * <p>
 * On the wire every line of the data becomes a {@code data:} line of the same event, so
 * multi-line text arrives whole. Ids and event names must fit on one line: they are
 * refused when they contain a line break (or, for ids, a NUL character, which browsers
 * ignore).
 */
public final class EventStreamMessage {

	private final @Nullable String id;

	private final @Nullable String event;

	private final @Nullable Duration retry;

	private final String data;

	private EventStreamMessage(Builder builder) {
		this.id = builder.id;
		this.event = builder.event;
		this.retry = builder.retry;
		this.data = builder.data;
	}

	/**
	 * Creates a message with data only (the {@code message} event type in browsers).
	 * @param data the data, may span several lines
	 * @return the message
	 */
	public static EventStreamMessage of(String data) {
		return builder().data(data).build();
	}

	/**
	 * Starts a message with an id, an event name or a reconnection delay.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the event id, which browsers send back as {@code Last-Event-ID} when they
	 * reconnect.
	 * @return the id, or {@code null} for none
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Returns the event name, the type of the browser's event ({@code message} when
	 * absent).
	 * @return the event name, or {@code null} for none
	 */
	public @Nullable String event() {
		return this.event;
	}

	/**
	 * Returns the reconnection delay that the browser adopts from this event on.
	 * @return the delay, or {@code null} for none
	 */
	public @Nullable Duration retry() {
		return this.retry;
	}

	/**
	 * Returns the data.
	 * @return the data, empty when none was set
	 */
	public String data() {
		return this.data;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof EventStreamMessage that) && Objects.equals(this.id, that.id)
				&& Objects.equals(this.event, that.event) && Objects.equals(this.retry, that.retry)
				&& this.data.equals(that.data);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.event, this.retry, this.data);
	}

	@Override
	public String toString() {
		return "EventStreamMessage[id=" + this.id + ", event=" + this.event + ", retry=" + this.retry + ", data="
				+ this.data + "]";
	}

	/**
	 * Builds an {@link EventStreamMessage}.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String event;

		private @Nullable Duration retry;

		private String data = "";

		private Builder() {
		}

		/**
		 * Sets the event id; {@code null} or empty sends none.
		 * @param id the id, one line without NUL characters
		 * @return this builder
		 * @throws IllegalArgumentException if the id contains CR, LF or NUL
		 */
		public Builder id(@Nullable String id) {
			this.id = singleLine("id", id, true);
			return this;
		}

		/**
		 * Sets the event name; {@code null} or empty sends none.
		 * @param event the event name, one line
		 * @return this builder
		 * @throws IllegalArgumentException if the name contains CR or LF
		 */
		public Builder event(@Nullable String event) {
			this.event = singleLine("event", event, false);
			return this;
		}

		/**
		 * Sets the reconnection delay, sent in whole milliseconds.
		 * @param retry the delay, zero or positive, or {@code null} for none
		 * @return this builder
		 * @throws IllegalArgumentException if the delay is negative
		 */
		public Builder retry(@Nullable Duration retry) {
			if (retry != null && retry.isNegative()) {
				throw new IllegalArgumentException("EventStreamMessage retry must not be negative but was " + retry);
			}
			this.retry = retry;
			return this;
		}

		/**
		 * Sets the data.
		 * @param data the data, may span several lines
		 * @return this builder
		 */
		public Builder data(String data) {
			this.data = Objects.requireNonNull(data, "EventStreamMessage data must not be null");
			return this;
		}

		/**
		 * Builds the message.
		 * @return the message
		 */
		public EventStreamMessage build() {
			return new EventStreamMessage(this);
		}

		private static @Nullable String singleLine(String field, @Nullable String value, boolean refuseNul) {
			if (value == null || value.isEmpty()) {
				return null;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '\r' || c == '\n' || (refuseNul && c == '\0')) {
					throw new IllegalArgumentException("EventStreamMessage " + field
							+ " must be one line without CR, LF" + (refuseNul ? " or NUL" : "") + " but was '"
							+ value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "'");
				}
			}
			return value;
		}

	}

}
