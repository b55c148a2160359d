package io.github.h3spring.internal.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.metrics.JsonRpcMetrics;
import io.github.h3spring.internal.metrics.JsonRpcMetrics.Outcome;
import io.github.h3spring.jsonrpc.JsonRpcException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.ResolvableType;

/**
 * JSON-RPC 2.0 for one service, whatever the transport: takes the bytes of an HTTP body
 * or a WebSocket text message and answers the JSON to send back, or nothing when only
 * notifications were sent. The requests of a batch run concurrently, at most
 * {@value #BATCH_CONCURRENCY} at a time, and are answered in their order.
 */
public final class JsonRpcDispatcher {

	private static final Log logger = LogFactory.getLog(JsonRpcDispatcher.class);

	/** How many requests of one batch run at once. */
	static final int BATCH_CONCURRENCY = 16;

	private static final ResolvableType ANY = ResolvableType.forClass(Object.class);

	private static final String RESERVED_PREFIX = "rpc.";

	private final String beanName;

	private final Map<String, JsonRpcMethodInvoker> methods;

	private final JsonCodec json;

	private final int maxBatchSize;

	private final @Nullable Scheduler offload;

	private final JsonRpcMetrics metrics;

	JsonRpcDispatcher(String beanName, Map<String, JsonRpcMethodInvoker> methods, JsonCodec json, int maxBatchSize,
			@Nullable Scheduler offload, JsonRpcMetrics metrics) {
		this.beanName = beanName;
		this.methods = methods;
		this.json = json;
		this.maxBatchSize = maxBatchSize;
		this.offload = offload;
		this.metrics = metrics;
	}

	/**
	 * Answers a request or a batch.
	 * @param body the JSON text, UTF-8
	 * @param caller who sent it
	 * @return the response or batch response as UTF-8 JSON; empty when there is none to
	 * send
	 */
	public Mono<byte[]> handle(byte[] body, JsonRpcCaller caller) {
		Object parsed;
		try {
			parsed = parse(body);
		}
		catch (RuntimeException ex) {
			return Mono.just(parseError("Parse error"));
		}
		if (!(parsed instanceof List<?> batch)) {
			return call(parsed, caller);
		}
		if (batch.isEmpty()) {
			return Mono.just(invalidRequest(null, "empty batch"));
		}
		if (batch.size() > this.maxBatchSize) {
			return Mono.just(invalidRequest(null,
					"batch of " + batch.size() + " requests, at most " + this.maxBatchSize + " are accepted"));
		}
		return Flux.fromIterable(batch)
			.flatMapSequential((entry) -> call(entry, caller), BATCH_CONCURRENCY)
			.collectList()
			.flatMap((responses) -> responses.isEmpty() ? Mono.empty() : Mono.just(array(responses)));
	}

	/**
	 * The answer to a message that cannot be JSON-RPC, such as a binary WebSocket
	 * message.
	 * @param detail why, sent as the error's data
	 * @return a {@code -32700 Parse error} response
	 */
	public byte[] parseError(String detail) {
		this.metrics.called(JsonRpcMetrics.UNKNOWN_METHOD, Outcome.PARSE_ERROR, 0);
		return encode(JsonRpcMessages.error(null, JsonRpcException.PARSE_ERROR, "Parse error",
				"Parse error".equals(detail) ? null : detail));
	}

	private @Nullable Object parse(byte[] body) {
		if (isBlank(body)) {
			throw new IllegalArgumentException("no JSON");
		}
		return this.json.decode(body, ANY);
	}

	private Mono<byte[]> call(@Nullable Object entry, JsonRpcCaller caller) {
		if (!(entry instanceof Map<?, ?> request)) {
			return Mono.just(invalidRequest(null, "a request is a JSON object"));
		}
		boolean notification = !request.containsKey("id");
		Object id = request.get("id");
		if (id != null && !(id instanceof String) && !(id instanceof Number)) {
			return Mono.just(invalidRequest(null, "id must be a string, a number or null"));
		}
		if (!"2.0".equals(request.get("jsonrpc"))) {
			return Mono.just(invalidRequest(id, "jsonrpc must be \"2.0\""));
		}
		if (!(request.get("method") instanceof String method)) {
			return Mono.just(invalidRequest(id, "method must be a string"));
		}
		Object params = request.get("params");
		if (params != null && !(params instanceof List) && !(params instanceof Map)) {
			return Mono.just(invalidRequest(id, "params must be an array or an object"));
		}
		JsonRpcMethodInvoker invoker = method.startsWith(RESERVED_PREFIX) ? null : this.methods.get(method);
		if (invoker == null) {
			this.metrics.called(JsonRpcMetrics.UNKNOWN_METHOD, Outcome.METHOD_NOT_FOUND, 0);
			return notification ? Mono.empty() : Mono
				.just(encode(JsonRpcMessages.error(id, JsonRpcException.METHOD_NOT_FOUND, "Method not found", null)));
		}
		return invoke(invoker, new DefaultJsonRpcRequest(method, params, id, notification, this.json), caller);
	}

	private Mono<byte[]> invoke(JsonRpcMethodInvoker invoker, DefaultJsonRpcRequest request, JsonRpcCaller caller) {
		long start = System.nanoTime();
		Mono<Object> result = Mono.defer(() -> invoker.invoke(request, caller));
		if (this.offload != null) {
			result = result.subscribeOn(this.offload);
		}
		return result.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.map((value) -> success(request, value.orElse(null)))
			.onErrorResume((ex) -> Mono.just(failure(request, ex)))
			.handle((answer, sink) -> {
				this.metrics.called(request.method(), answer.outcome(), System.nanoTime() - start);
				byte[] json = answer.json();
				if (json != null) {
					sink.next(json);
				}
			});
	}

	private Answer success(DefaultJsonRpcRequest request, @Nullable Object result) {
		if (request.isNotification()) {
			return new Answer(null, Outcome.SUCCESS);
		}
		try {
			return new Answer(this.json.encode(JsonRpcMessages.result(request.id(), result)), Outcome.SUCCESS);
		}
		catch (RuntimeException ex) {
			return internalError(request, ex);
		}
	}

	private Answer failure(DefaultJsonRpcRequest request, Throwable error) {
		if (!(error instanceof JsonRpcException exception)) {
			return internalError(request, error);
		}
		Outcome outcome = (exception.code() == JsonRpcException.INVALID_PARAMS) ? Outcome.INVALID_PARAMS
				: Outcome.ERROR;
		if (request.isNotification()) {
			return new Answer(null, outcome);
		}
		String message = (exception.getMessage() != null) ? exception.getMessage() : "Error";
		try {
			return new Answer(
					this.json.encode(JsonRpcMessages.error(request.id(), exception.code(), message, exception.data())),
					outcome);
		}
		catch (RuntimeException ex) {
			return internalError(request, ex);
		}
	}

	private Answer internalError(DefaultJsonRpcRequest request, Throwable error) {
		logger.error("JSON-RPC method '" + request.method() + "' of @H3Handler bean '" + this.beanName
				+ "' failed; answered -32603 Internal error", error);
		byte[] json = request.isNotification() ? null
				: encode(JsonRpcMessages.error(request.id(), JsonRpcException.INTERNAL_ERROR, "Internal error", null));
		return new Answer(json, Outcome.INTERNAL_ERROR);
	}

	/**
	 * The error object as the specification shows it; the detail goes to the debug log
	 * only.
	 */
	private byte[] invalidRequest(@Nullable Object id, String detail) {
		this.metrics.called(JsonRpcMetrics.UNKNOWN_METHOD, Outcome.INVALID_REQUEST, 0);
		if (logger.isDebugEnabled()) {
			logger.debug("Invalid JSON-RPC request to @H3Handler bean '" + this.beanName + "': " + detail);
		}
		return encode(JsonRpcMessages.error(id, JsonRpcException.INVALID_REQUEST, "Invalid Request", null));
	}

	private byte[] encode(Object response) {
		return this.json.encode(response);
	}

	/** The batch response: the responses, already JSON, joined into one array. */
	private static byte[] array(List<byte[]> responses) {
		int size = responses.size() + 1;
		for (byte[] response : responses) {
			size += response.length;
		}
		ByteArrayOutputStream array = new ByteArrayOutputStream(size);
		array.write('[');
		for (int index = 0; index < responses.size(); index++) {
			if (index > 0) {
				array.write(',');
			}
			array.writeBytes(responses.get(index));
		}
		array.write(']');
		return array.toByteArray();
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

	/**
	 * What a call answers and how it ended.
	 *
	 * @param json the response, {@code null} for a notification
	 * @param outcome the outcome
	 */
	private record Answer(byte @Nullable [] json, Outcome outcome) {
	}

}
