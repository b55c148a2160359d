package io.github.h3spring.observation;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

import static org.awaitility.Awaitility.await;

/**
 * Keeps the spans Brave finishes, as a reporter would send them.
 */
class RecordedSpans extends SpanHandler {

	private final Queue<MutableSpan> spans = new ConcurrentLinkedQueue<>();

	@Override
	public boolean end(TraceContext context, MutableSpan span, Cause cause) {
		if (cause == Cause.FINISHED) {
			this.spans.add(span);
		}
		return true;
	}

	void clear() {
		this.spans.clear();
	}

	List<MutableSpan> all() {
		return List.copyOf(this.spans);
	}

	/** Waits for the one finished span that matches. */
	MutableSpan awaitSpan(Predicate<MutableSpan> match) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.spans.stream().filter(match).toList(), (found) -> found.size() == 1)
			.get(0);
	}

	/** Waits for the span of that name in the trace. */
	MutableSpan awaitSpan(String traceId, String name) {
		return awaitSpan((span) -> span.traceId().equals(traceId) && name.equals(span.name()));
	}

	/** Waits for the upgrade span of a request path. */
	MutableSpan awaitUpgrade(String path) {
		return awaitSpan((span) -> "websocket upgrade".equals(span.name()) && path.equals(span.tag("path")));
	}

}
