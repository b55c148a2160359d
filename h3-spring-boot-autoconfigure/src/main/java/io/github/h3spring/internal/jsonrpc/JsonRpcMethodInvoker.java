package io.github.h3spring.internal.jsonrpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.github.h3spring.H3Event;
import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.jsonrpc.JsonRpcException;
import io.github.h3spring.jsonrpc.JsonRpcRequest;
import io.github.h3spring.websocket.Peer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@code @JsonRpcMethod}: binds a request's params to the Java parameters, calls the
 * method and adapts what it returns to a {@code Mono} (empty for a {@code null} result).
 */
final class JsonRpcMethodInvoker {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Object bean;

	private final Method method;

	private final List<Argument> arguments = new ArrayList<>();

	/** The parameters that params bind to, in order. */
	private final List<Argument> values = new ArrayList<>();

	/** Whether the method takes the request, so that it may read params of any shape. */
	private final boolean readsParams;

	private final JsonCodec json;

	JsonRpcMethodInvoker(Object bean, Method method, JsonCodec json) {
		this.bean = bean;
		this.method = method;
		this.json = json;
		ReflectionUtils.makeAccessible(method);
		String[] names = parameterNames.getParameterNames(method);
		for (int index = 0; index < method.getParameterCount(); index++) {
			MethodParameter parameter = new MethodParameter(method, index);
			Argument argument = new Argument(Source.of(parameter.getParameterType()),
					(names != null) ? names[index] : null, ResolvableType.forMethodParameter(parameter),
					parameter.getParameterType().isPrimitive());
			this.arguments.add(argument);
			if (argument.source() == Source.PARAMS) {
				this.values.add(argument);
			}
		}
		this.readsParams = this.arguments.stream().anyMatch((argument) -> argument.source() == Source.REQUEST);
	}

	/**
	 * Calls the method.
	 * @return its result, empty for {@code null}; a {@link JsonRpcException} error when
	 * params do not bind or the method threw one; the method's own exception otherwise
	 */
	Mono<Object> invoke(DefaultJsonRpcRequest request, JsonRpcCaller caller) {
		@Nullable Object[] args = bind(request, caller);
		Object result;
		try {
			result = this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			return Mono.error(ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			return Mono.error(ex);
		}
		return adapt(result);
	}

	private static Mono<Object> adapt(@Nullable Object result) {
		if (result == null) {
			return Mono.empty();
		}
		if (result instanceof Mono<?> mono) {
			return mono.cast(Object.class);
		}
		if (result instanceof CompletionStage<?> stage) {
			return Mono.fromCompletionStage(stage).cast(Object.class);
		}
		if (result instanceof Publisher<?> publisher) {
			return Flux.from(publisher).collectList().cast(Object.class);
		}
		return Mono.just(result);
	}

	private @Nullable Object[] bind(JsonRpcRequest request, JsonRpcCaller caller) {
		Object params = request.params();
		@Nullable Object[] args = new Object[this.arguments.size()];
		// a method that takes the request and no params reads them, whatever their shape
		if (!this.values.isEmpty() || !this.readsParams) {
			checkShape(params);
		}
		int position = 0;
		for (int index = 0; index < args.length; index++) {
			Argument argument = this.arguments.get(index);
			args[index] = switch (argument.source()) {
				case REQUEST -> request;
				case PEER -> caller.peer();
				case EVENT -> caller.event();
				case PARAMS -> (params instanceof Map<?, ?> named) ? convert(named.get(argument.name()), argument)
						: convert(positional(params).get(position++), argument);
			};
		}
		return args;
	}

	/** The positional params, which {@link #checkShape} counted. */
	private List<?> positional(@Nullable Object params) {
		if (params instanceof List<?> positional) {
			return positional;
		}
		throw invalidParams("expected " + this.values.size() + " params by position or by name");
	}

	private void checkShape(@Nullable Object params) {
		if (params instanceof Map<?, ?> named) {
			checkNames(named.keySet());
			return;
		}
		int given = (params instanceof List<?> positional) ? positional.size() : 0;
		if (given != this.values.size()) {
			throw invalidParams("expected " + this.values.size() + " params but got " + given);
		}
	}

	private void checkNames(Set<?> given) {
		for (Argument value : this.values) {
			if (value.name() == null) {
				throw invalidParams("named params need the parameter names: compile with -parameters");
			}
			if (!given.contains(value.name())) {
				throw invalidParams("missing param '" + value.name() + "'");
			}
		}
		if (given.size() != this.values.size()) {
			throw invalidParams("expected the params " + this.values.stream().map(Argument::name).toList());
		}
	}

	private @Nullable Object convert(@Nullable Object value, Argument argument) {
		if (value == null) {
			if (argument.primitive()) {
				throw invalidParams(describe(argument) + " must not be null");
			}
			return null;
		}
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(argument.type().toClass());
		if (!argument.type().hasGenerics() && type.isInstance(value)) {
			return value;
		}
		try {
			return this.json.convert(value, argument.type());
		}
		catch (RuntimeException ex) {
			throw invalidParams(describe(argument) + " must be " + argument.type());
		}
	}

	private String describe(Argument argument) {
		return (argument.name() != null) ? "param '" + argument.name() + "'" : "param " + this.values.indexOf(argument);
	}

	private static JsonRpcException invalidParams(String detail) {
		return new JsonRpcException(JsonRpcException.INVALID_PARAMS, "Invalid params", detail);
	}

	/** Where an argument comes from. */
	private enum Source {

		REQUEST, PEER, EVENT, PARAMS;

		static Source of(Class<?> type) {
			if (type == JsonRpcRequest.class) {
				return REQUEST;
			}
			if (type == Peer.class) {
				return PEER;
			}
			if (type == H3Event.class) {
				return EVENT;
			}
			return PARAMS;
		}

	}

	private record Argument(Source source, @Nullable String name, ResolvableType type, boolean primitive) {
	}

}
