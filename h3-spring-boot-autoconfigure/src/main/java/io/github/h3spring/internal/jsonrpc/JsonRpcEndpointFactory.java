package io.github.h3spring.internal.jsonrpc;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.internal.metrics.JsonRpcMetrics;
import io.github.h3spring.jsonrpc.JsonRpcService;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;

/**
 * Creates the endpoint of each {@link JsonRpcService} with the application's JSON mapper,
 * settings and meters.
 */
public final class JsonRpcEndpointFactory {

	private final JsonCodec json;

	private final int maxBatchSize;

	private final BiPredicate<HttpHeaders, URI> origins;

	private final Scheduler offload;

	private final JsonRpcMetrics metrics;

	/**
	 * Creates the factory.
	 * @param json the application's JSON
	 * @param maxBatchSize the most requests of one batch
	 * @param origins whether the origin of a request may call over HTTP (its headers, the
	 * request URI)
	 * @param offload where the methods of blocking services run
	 * @param metrics records the calls
	 */
	public JsonRpcEndpointFactory(JsonCodec json, int maxBatchSize, BiPredicate<HttpHeaders, URI> origins,
			Scheduler offload, JsonRpcMetrics metrics) {
		this.json = json;
		this.maxBatchSize = maxBatchSize;
		this.origins = origins;
		this.offload = offload;
		this.metrics = metrics;
	}

	/**
	 * Creates the endpoint of one service.
	 * @param beanName the service's bean name, for logs
	 * @param service the service
	 * @param methods its methods by JSON-RPC name, checked
	 * @param blocking whether its methods run off the event loop
	 * @return the endpoint
	 */
	public JsonRpcEndpoint create(String beanName, JsonRpcService service, Map<String, Method> methods,
			boolean blocking) {
		Map<String, JsonRpcMethodInvoker> invokers = new LinkedHashMap<>();
		methods.forEach((name, method) -> invokers.put(name, new JsonRpcMethodInvoker(service, method, this.json)));
		JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(beanName, Map.copyOf(invokers), this.json,
				this.maxBatchSize, blocking ? this.offload : null, this.metrics);
		return new JsonRpcEndpoint(new JsonRpcHttpGate(this.origins), dispatcher,
				new JsonRpcWebSocketHooks(dispatcher, service));
	}

}
