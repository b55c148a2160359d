package io.github.h3spring.internal.sse;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamOptions;

/**
 * An {@code H3Event} that creates the event stream of its request for its own stack, so
 * that {@code createEventStream(event)} reads the same on every stack.
 */
public interface EventStreamFactory {

	/**
	 * Creates the event stream of the request.
	 * @param options the stream's own options
	 * @return the stream
	 */
	EventStream createEventStream(EventStreamOptions options);

}
