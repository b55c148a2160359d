package io.github.h3spring;

import org.jspecify.annotations.Nullable;

/**
 * Handles plain HTTP requests of an {@link H3Handler} path, as h3's
 * {@code defineEventHandler}.
 * <p>
 * The returned value becomes the response:
 * <ul>
 * <li>{@code null} or an empty {@code Mono}: {@code 204 No Content};</li>
 * <li>{@code String}: {@code text/plain;charset=UTF-8};</li>
 * <li>{@code byte[]} or {@code ByteBuffer}: {@code application/octet-stream};</li>
 * <li>{@code ServerResponse}: sent as it is;</li>
 * <li>{@code Mono}, {@code CompletionStage}: the value once it is available, converted by
 * these same rules; a {@code Flux} or other {@code Publisher} is written as a stream by
 * the application's codecs;</li>
 * <li>an {@link io.github.h3spring.sse.EventStream}: a Server-Sent Events response;</li>
 * <li>any other object: JSON, through the application's codecs.</li>
 * </ul>
 * A thrown (or emitted) {@link H3Exception} becomes its status, headers and a JSON error
 * body. Unless the handler is declared {@link H3Handler#blocking() blocking},
 * {@code handle} runs on the Netty event loop and must not block.
 */
@FunctionalInterface
public interface EventHandler {

	/**
	 * Handles one request.
	 * @param event the request
	 * @return the response value, see the type description
	 * @throws Exception any failure; an {@link H3Exception} sets the status of the
	 * response
	 */
	@Nullable Object handle(H3Event event) throws Exception;

}
