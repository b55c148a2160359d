package io.github.h3spring.internal.sse;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;

/**
 * What a {@link DefaultEventStream} needs of its web stack: the request it answers and
 * the response that writes its bytes. One per stream; the stream itself stays the same on
 * every stack.
 */
public interface EventStreamTransport {

	/** h3's value: no cache, proxy or compressor may keep or transform the stream. */
	String CACHE_CONTROL = "private, no-cache, no-store, no-transform, must-revalidate, max-age=0";

	/**
	 * Returns the {@code Last-Event-ID} header of the request.
	 * @return the header, or {@code null}
	 */
	@Nullable String lastEventId();

	/**
	 * Returns the method and path of the request, for logs.
	 * @return the request line, without the query
	 */
	String request();

	/**
	 * Returns the address of the client, for logs.
	 * @return the client's address, or {@code null} when unknown
	 */
	@Nullable Object client();

	/**
	 * Returns the bytes of frames the response has taken and the socket has not, so that
	 * the stream's send buffer limit counts everything held on the server's side of the
	 * socket. Called from any thread, for every frame queued: it must be cheap.
	 * @return the bytes pending in the transport
	 */
	long pendingBytes();

	/**
	 * Returns the response that writes the frames, what {@code send()} returns on this
	 * stack. The transport must ask for frames only as fast as the client takes them, so
	 * that those it did not write stay in the stream's bounded queue.
	 * @param frames the encoded frames, the first one (possibly empty) to be written at
	 * once so that the headers reach the client
	 * @return the response
	 */
	Object response(Publisher<byte[]> frames);

	/**
	 * Returns what {@code send()} returns for a stream that was already sent.
	 * @param error the error that says so
	 * @return a failed response, or throws the error
	 */
	Object refuse(IllegalStateException error);

	/**
	 * Returns the events for an annotated controller, with the stream's headers added.
	 * @param events the events
	 * @return the events, to be encoded by the stack
	 */
	Flux<ServerSentEvent<String>> events(Flux<ServerSentEvent<String>> events);

}
