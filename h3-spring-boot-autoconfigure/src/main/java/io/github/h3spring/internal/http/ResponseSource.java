package io.github.h3spring.internal.http;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A handler return value that knows its own response, such as an event stream.
 */
public interface ResponseSource {

	Mono<ServerResponse> toResponse();

}
