package io.github.h3spring.internal.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.h3spring.internal.metrics.UpgradeRejection;
import io.github.h3spring.internal.observation.ObservedMono;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Answers the WebSocket upgrade requests of one handler: checks the handshake, asks the
 * {@code upgrade} hook, then either refuses with the hook's response or completes the
 * handshake and runs a {@link PeerSession}.
 */
final class UpgradeHandler implements WebHandler {

	private static final Log logger = LogFactory.getLog(UpgradeHandler.class);

	private static final String SUPPORTED_VERSION = "13";

	private final String defaultNamespace;

	private final PeerRuntime runtime;

	private final UpgradeGuard guard;

	private final Supplier<WebsocketServerSpec.Builder> spec;

	private final boolean compression;

	UpgradeHandler(String defaultNamespace, PeerRuntime runtime, UpgradeGuard guard,
			Supplier<WebsocketServerSpec.Builder> spec, boolean compression) {
		this.defaultNamespace = defaultNamespace;
		this.runtime = runtime;
		this.guard = guard;
		this.spec = spec;
		this.compression = compression;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		// WebFlux keeps the observation of the HTTP request in the Reactor context
		return Mono.deferContextual((context) -> {
			Object parent = context.getOrDefault(ObservedMono.CONTEXT_KEY, null);
			UpgradeAttempt attempt = UpgradeAttempt.start(this.runtime, exchange.getRequest().getPath().value(),
					(parent instanceof Observation observation) ? observation : null);
			return handle(exchange, attempt).doOnError(attempt::failed).doFinally((signal) -> attempt.stop());
		});
	}

	private Mono<Void> handle(ServerWebExchange exchange, UpgradeAttempt attempt) {
		Mono<Void> refusal = refuseMalformedHandshake(exchange);
		if (refusal != null) {
			attempt.rejected(UpgradeRejection.HANDSHAKE);
			return refusal;
		}
		UpgradeGuard.Admission admission = this.guard.admit(exchange.getRequest().getHeaders(),
				exchange.getRequest().getURI());
		UpgradeGuard.Refusal refused = admission.refusal();
		if (refused != null) {
			attempt.rejected(refused.rejection());
			return respond(exchange.getResponse(), refused.status(), new HttpHeaders(), refused.reason());
		}
		Map<String, String> pathVariables = exchange
			.getAttributeOrDefault(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
		AtomicBoolean connected = new AtomicBoolean();
		return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((principal) -> {
			DefaultUpgradeRequest request = new DefaultUpgradeRequest(exchange, pathVariables, principal.orElse(null));
			PeerHooks hooks = attempt.hooks(request);
			return UpgradeDecision.ask(attempt, hooks, request)
				.flatMap((decision) -> decision.isAccepted()
						? accept(exchange, new Accepted(request, hooks, decision, admission, attempt), connected)
						: respond(exchange.getResponse(), decision.answer().status(), decision.answer().headers(),
								decision.answer().body()));
		})
			// refused, failed or cancelled before a connection took the place: give it
			// back
			.doFinally((signal) -> {
				if (!connected.get()) {
					admission.release();
				}
			});
	}

	/**
	 * Returns the RFC 6455 answer to a malformed handshake, or {@code null} when the
	 * handshake is well formed.
	 */
	private static @Nullable Mono<Void> refuseMalformedHandshake(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		HttpHeaders answer = new HttpHeaders();
		if (exchange.getRequest().getMethod() != HttpMethod.GET) {
			answer.setAllow(Set.of(HttpMethod.GET));
			return respond(exchange.getResponse(), 405, answer, "WebSocket upgrade requires GET");
		}
		if (!SUPPORTED_VERSION.equals(headers.getFirst(WebSocketHeaders.VERSION))) {
			answer.set(WebSocketHeaders.VERSION, SUPPORTED_VERSION);
			return respond(exchange.getResponse(), 426, answer, "Unsupported Sec-WebSocket-Version, use 13");
		}
		if (headers.getFirst(WebSocketHeaders.KEY) == null) {
			return respond(exchange.getResponse(), 400, answer, "Missing Sec-WebSocket-Key header");
		}
		return null;
	}

	private Mono<Void> accept(ServerWebExchange exchange, Accepted accepted, AtomicBoolean connected) {
		DefaultUpgradeRequest request = accepted.request();
		UpgradeDecision decision = accepted.decision();
		String protocol = decision.protocol();
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().addAll(decision.answer().headers());
		String namespace = decision.namespace(this.defaultNamespace);
		offerCompression(exchange);
		WebsocketServerSpec.Builder spec = this.spec.get();
		if (protocol != null) {
			spec.protocols(protocol);
		}
		HttpServerResponse nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		// setComplete runs WebFlux's pre-commit actions (cookies, session) before Netty
		// sends the 101
		return response.setComplete().then(Mono.defer(() -> nativeResponse.sendWebsocket((inbound, outbound) -> {
			NettyPeerTransport transport = new NettyPeerTransport(inbound, outbound, this.runtime.sendBufferLimit());
			connected.set(true);
			transport.onTerminated(accepted.admission()::release);
			accepted.attempt().accepted();
			accepted.attempt().stop();
			PeerSession peer = new PeerSession(request, request.webSocketUrl(), namespace, protocol,
					transport.extensions(), this.runtime, accepted.hooks(), transport);
			return peer.run(transport.hookCalls(peer, this.runtime.maxMessageSize()), transport.closeStatus());
		}, spec.build())));
	}

	/**
	 * Sets up permessage-deflate when enabled and offered; the handshake then negotiates
	 * it if it accepts the offer's parameters.
	 */
	private void offerCompression(ServerWebExchange exchange) {
		if (!this.compression || !BoundedCompression.isOffered(exchange)) {
			return;
		}
		try {
			BoundedCompression.install(exchange, this.runtime.maxMessageSize());
		}
		catch (Exception ex) {
			logger.warn("Could not set up permessage-deflate; continuing without compression", ex);
		}
	}

	/** What an accepted upgrade hands to its connection. */
	private record Accepted(DefaultUpgradeRequest request, PeerHooks hooks, UpgradeDecision decision,
			UpgradeGuard.Admission admission, UpgradeAttempt attempt) {
	}

	private static Mono<Void> respond(ServerHttpResponse response, int status, HttpHeaders headers, String body) {
		response.setStatusCode(HttpStatusCode.valueOf(status));
		response.getHeaders().addAll(headers);
		if (response.getHeaders().getContentType() == null) {
			response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		}
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}
