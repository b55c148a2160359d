package io.github.h3spring.sse;

import java.util.List;
import java.util.stream.IntStream;

import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads several events at once from a {@link TestEventStream}.
 */
final class StreamReading {

	private StreamReading() {
	}

	/** Waits for the next events. */
	static List<TestServerSentEvent> next(TestEventStream stream, int count) {
		return IntStream.range(0, count).mapToObj((i) -> stream.next()).toList();
	}

	/** Waits for the data of the next events. */
	static List<String> nextData(TestEventStream stream, int count) {
		return next(stream, count).stream().map(TestServerSentEvent::data).toList();
	}

	/** Waits for the server to end the response cleanly and returns the whole body. */
	static String endOf(TestEventStream stream) {
		stream.awaitComplete();
		assertThat(stream.error()).as("the response ended cleanly").isNull();
		return stream.body();
	}

}
