package io.github.h3spring.internal.websocket;

import java.util.List;

import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.metrics.UpgradeRejection;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.UpgradeResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the {@code upgrade} hook decided, the same on every transport: accepted with the
 * subprotocol to answer with, or refused with a status, headers and body. A thrown
 * {@link H3Exception} is its refusal, any other failure a 500, and a subprotocol the
 * client did not offer a 500 too; each refusal is counted.
 *
 * @param answer the hook's answer, or the refusal that replaces it
 * @param protocol the subprotocol to answer with: the hook's choice, else the first
 * offered
 */
public record UpgradeDecision(UpgradeResponse answer, @Nullable String protocol) {

	private static final Log logger = LogFactory.getLog(UpgradeDecision.class);

	private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

	/**
	 * Asks the handler's {@code upgrade} hook about a request.
	 * @param attempt the upgrade, which counts and records a refusal
	 * @param hooks the hooks of the connection
	 * @param request the request
	 * @return the decision
	 */
	public static Mono<UpgradeDecision> ask(UpgradeAttempt attempt, PeerHooks hooks, UpgradeRequest request) {
		return hooks.upgrade(request).doOnNext((answer) -> {
			if (!answer.isAccepted()) {
				attempt.rejected(UpgradeRejection.HOOK);
			}
		}).defaultIfEmpty(UpgradeResponse.accept()).onErrorResume(H3Exception.class, (ex) -> {
			attempt.rejected(UpgradeRejection.HOOK);
			return Mono.just(refusalOf(ex));
		}).onErrorResume((ex) -> {
			logger.error("The upgrade hook failed for " + request.uri().getPath(), ex);
			attempt.rejected(UpgradeRejection.HOOK_ERROR);
			return Mono.just(UpgradeResponse.reject(500, "Internal Server Error"));
		})
			.map((answer) -> answer.isAccepted() ? withProtocol(attempt, request, answer)
					: new UpgradeDecision(answer, null));
	}

	private static UpgradeDecision withProtocol(UpgradeAttempt attempt, UpgradeRequest request,
			UpgradeResponse answer) {
		List<String> offered = request.headers().getValuesAsList(PROTOCOL_HEADER);
		String protocol = (answer.protocol() != null) ? answer.protocol() : (offered.isEmpty() ? null : offered.get(0));
		if (protocol != null && !offered.contains(protocol)) {
			logger.error("The upgrade hook of " + request.uri().getPath() + " selected subprotocol '" + protocol
					+ "' that the client did not offer " + offered);
			attempt.rejected(UpgradeRejection.SUBPROTOCOL);
			return new UpgradeDecision(UpgradeResponse.reject(500, "Internal Server Error"), null);
		}
		return new UpgradeDecision(answer, protocol);
	}

	private static UpgradeResponse refusalOf(H3Exception ex) {
		UpgradeResponse refusal = UpgradeResponse.reject(ex.status(), (ex.getMessage() != null) ? ex.getMessage() : "");
		ex.headers().forEach((name, values) -> values.forEach((value) -> refusal.header(name, value)));
		return refusal;
	}

	/** Whether the peer may connect. */
	public boolean isAccepted() {
		return this.answer.isAccepted();
	}

	/** The pub/sub namespace: the hook's choice, else the handler's path. */
	public String namespace(String defaultNamespace) {
		String chosen = this.answer.namespace();
		return (chosen != null) ? chosen : defaultNamespace;
	}

}
