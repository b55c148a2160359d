package io.github.h3spring.internal.websocket.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.h3spring.H3Exception;
import io.github.h3spring.internal.metrics.UpgradeRejection;
import io.github.h3spring.internal.websocket.PeerRuntime;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.websocket.UpgradeResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.HandshakeHandler;

/**
 * Answers the WebSocket upgrade requests of one handler on a servlet container, as its WebFlux
 * twin does: checks the handshake, asks the {@code upgrade} hook (on the request thread, which
 * a servlet container lets block), then either refuses with the hook's response or lets the
 * container complete the handshake with a {@link ServletPeerHandler}.
 */
final class ServletUpgradeHandler implements HttpRequestHandler {

	private static final Log logger = LogFactory.getLog(ServletUpgradeHandler.class);

	private static final String SUPPORTED_VERSION = "13";

	private static final String VERSION = "Sec-WebSocket-Version";

	private static final String KEY = "Sec-WebSocket-Key";

	private static final String PROTOCOL = "Sec-WebSocket-Protocol";

	private final String defaultNamespace;

	private final PeerRuntime runtime;

	private final UpgradeGuard guard;

	private final HandshakeHandler handshake;

	private final ServletTransportResources resources;

	private final boolean compression;

	ServletUpgradeHandler(String defaultNamespace, PeerRuntime runtime, UpgradeGuard guard, HandshakeHandler handshake,
			ServletTransportResources resources, boolean compression) {
		this.defaultNamespace = defaultNamespace;
		this.runtime = runtime;
		this.guard = guard;
		this.handshake = handshake;
		this.resources = resources;
		this.compression = compression;
	}

	@Override
	public void handleRequest(HttpServletRequest servletRequest, HttpServletResponse servletResponse)
			throws IOException {
		if (refuseMalformedHandshake(servletRequest, servletResponse)) {
			this.runtime.metrics().upgradeRejected(UpgradeRejection.HANDSHAKE);
			return;
		}
		ServletServerHttpRequest request = new ServletServerHttpRequest(servletRequest);
		UpgradeGuard.Refusal refused = this.guard.check(request.getHeaders(), request.getURI());
		if (refused != null) {
			this.runtime.metrics().upgradeRejected(refused.rejection());
			respond(servletResponse, refused.status(), new HttpHeaders(), refused.reason());
			return;
		}
		ServletUpgradeRequest upgrade = new ServletUpgradeRequest(request, pathVariables(servletRequest));
		UpgradeResponse answer = ask(upgrade);
		if (!answer.isAccepted()) {
			respond(servletResponse, answer.status(), answer.headers(), answer.body());
			return;
		}
		accept(request, servletResponse, upgrade, answer);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> pathVariables(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return (variables instanceof Map<?, ?> map) ? (Map<String, String>) map : Map.of();
	}

	private UpgradeResponse ask(ServletUpgradeRequest request) {
		UpgradeResponse answer = this.runtime.hooks()
			.upgrade(request)
			.doOnNext(this::countRejection)
			.defaultIfEmpty(UpgradeResponse.accept())
			.onErrorResume(H3Exception.class, this::rejection)
			.onErrorResume((ex) -> {
				logger.error("The upgrade hook failed for " + request.uri().getPath(), ex);
				this.runtime.metrics().upgradeRejected(UpgradeRejection.HOOK_ERROR);
				return Mono.just(UpgradeResponse.reject(500, "Internal Server Error"));
			})
			.block();
		return (answer != null) ? answer : UpgradeResponse.accept();
	}

	private void countRejection(UpgradeResponse answer) {
		if (!answer.isAccepted()) {
			this.runtime.metrics().upgradeRejected(UpgradeRejection.HOOK);
		}
	}

	private Mono<UpgradeResponse> rejection(H3Exception ex) {
		this.runtime.metrics().upgradeRejected(UpgradeRejection.HOOK);
		UpgradeResponse rejection = UpgradeResponse.reject(ex.status(), (ex.getMessage() != null) ? ex.getMessage() : "");
		ex.headers().forEach((name, values) -> values.forEach((value) -> rejection.header(name, value)));
		return Mono.just(rejection);
	}

	private void accept(ServletServerHttpRequest request, HttpServletResponse servletResponse,
			ServletUpgradeRequest upgrade, UpgradeResponse answer) throws IOException {
		List<String> offered = offeredProtocols(upgrade.headers());
		String protocol = (answer.protocol() != null) ? answer.protocol() : (offered.isEmpty() ? null : offered.get(0));
		if (protocol != null && !offered.contains(protocol)) {
			logger.error("The upgrade hook of " + upgrade.uri().getPath() + " selected subprotocol '" + protocol
					+ "' that the client did not offer " + offered);
			this.runtime.metrics().upgradeRejected(UpgradeRejection.SUBPROTOCOL);
			respond(servletResponse, 500, new HttpHeaders(), "Internal Server Error");
			return;
		}
		answer.headers().forEach((name, values) -> values.forEach((value) -> servletResponse.addHeader(name, value)));
		String namespace = (answer.namespace() != null) ? answer.namespace() : this.defaultNamespace;
		ServletPeerHandler handler = new ServletPeerHandler(upgrade, namespace, protocol, this.runtime, this.resources);
		ServletServerHttpRequest handshakeRequest = this.compression ? request
				: new ServletServerHttpRequest(new WithoutExtensions(request.getServletRequest()));
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		try {
			this.handshake.doHandshake(handshakeRequest, response, handler, new HashMap<>());
		}
		finally {
			response.close();
		}
	}

	/** Offered subprotocols, one header or a comma-separated list. */
	private static List<String> offeredProtocols(HttpHeaders headers) {
		return headers.getValuesAsList(PROTOCOL);
	}

	/** Answers a malformed handshake as RFC 6455 asks; {@code false} when it is well formed. */
	private static boolean refuseMalformedHandshake(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		HttpHeaders answer = new HttpHeaders();
		if (!HttpMethod.GET.matches(request.getMethod())) {
			answer.set(HttpHeaders.ALLOW, HttpMethod.GET.name());
			respond(response, 405, answer, "WebSocket upgrade requires GET");
			return true;
		}
		if (!SUPPORTED_VERSION.equals(request.getHeader(VERSION))) {
			answer.set(VERSION, SUPPORTED_VERSION);
			respond(response, 426, answer, "Unsupported Sec-WebSocket-Version, use 13");
			return true;
		}
		if (request.getHeader(KEY) == null) {
			respond(response, 400, answer, "Missing Sec-WebSocket-Key header");
			return true;
		}
		return false;
	}

	private static void respond(HttpServletResponse response, int status, HttpHeaders headers, @Nullable String body)
			throws IOException {
		response.setStatus(status);
		headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		if (response.getContentType() == null) {
			response.setContentType("text/plain;charset=UTF-8");
		}
		byte[] bytes = ((body != null) ? body : "").getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.flushBuffer();
	}

}
