package io.github.h3spring.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An event a {@link TestEventStream} received, its fields as a browser's
 * {@code EventSource} reads them.
 *
 * @param id the {@code id} field, or {@code null} when the event had none
 * @param event the {@code event} field, {@code message} when the event had none
 * @param data the {@code data} lines, joined with {@code \n}
 * @param retry the {@code retry} field, or {@code null} when the event had none
 */
public record TestServerSentEvent(@Nullable String id, String event, String data, @Nullable Duration retry) {

	@Override
	public String toString() {
		return ((this.id != null) ? "id=" + this.id + " " : "") + this.event + ": " + this.data;
	}

}
