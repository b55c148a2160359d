package io.github.h3spring.jsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * A method of a {@link JsonRpcService} served as a JSON-RPC method.
 * <p>
 * Positional {@code params} bind to the method's parameters by position, named
 * {@code params} by parameter name (compile with {@code -parameters}, as Spring Boot's
 * build plugins do), converted with the application's JSON mapper. Parameters of type
 * {@link JsonRpcRequest} (the request), {@link io.github.h3spring.websocket.Peer} (the
 * calling peer, {@code null} over HTTP) and {@link io.github.h3spring.H3Event} (the HTTP
 * request, {@code null} over WebSocket) are injected and not counted as positions. Params
 * that do not bind (missing, extra, of the wrong type) answer
 * {@code -32602 Invalid params}.
 * <p>
 * The method returns any object (the JSON {@code result}), {@code void} or {@code null}
 * (result {@code null}), or a {@code Mono}/{@code CompletionStage} that is awaited. A
 * {@link JsonRpcException} becomes the error object as it is; any other exception answers
 * {@code -32603 Internal error}, its detail logged, never sent.
 * <p>
 * The annotation is {@link Reflective}: Spring AOT registers the methods for invocation,
 * as the service calls them by reflection.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface JsonRpcMethod {

	/**
	 * The JSON-RPC method name; empty for the Java method's name. Names that start with
	 * {@code rpc.} are reserved by the specification.
	 * @return the method name
	 */
	String value() default "";

}
