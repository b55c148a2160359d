package io.github.h3spring.sse;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.h3spring.conformance.Stack;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	/**
	 * Waits until the server has noticed that the clients of these streams went away and
	 * closed the streams. WebFlux notices at once; a servlet container only when it next
	 * writes to the connection (docs/sse.md), so on Spring MVC the wait writes a comment
	 * now and then, as the heartbeat would.
	 */
	static void awaitNoticedGone(EventStream... streams) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (Stack.current().isServlet()) {
				Stream.of(streams).forEach((stream) -> stream.pushComment("are you there"));
			}
			return Stream.of(streams).allMatch(EventStream::isClosed);
		});
	}

}
