package io.github.h3spring.internal.websocket.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.github.h3spring.internal.metrics.UpgradeRejection;
import io.github.h3spring.internal.websocket.PeerHooks;
import io.github.h3spring.internal.websocket.PeerRuntime;
import io.github.h3spring.internal.websocket.UpgradeAttempt;
import io.github.h3spring.internal.websocket.UpgradeDecision;
import io.github.h3spring.internal.websocket.UpgradeGuard;
import io.github.h3spring.websocket.UpgradeResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeHandler;

/**
 * Answers the WebSocket upgrade requests of one handler on a servlet container, as its
 * WebFlux twin does: checks the handshake, asks the {@code upgrade} hook (on the request
 * thread, which a servlet container lets block), then either refuses with the hook's
 * response or lets the container complete the handshake with a
 * {@link ServletPeerHandler}.
 */
final class ServletUpgradeHandler implements HttpRequestHandler {

	private static final String SUPPORTED_VERSION = "13";

	private static final String VERSION = "Sec-WebSocket-Version";

	private static final String KEY = "Sec-WebSocket-Key";

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
		// the servlet stack keeps the observation of the HTTP request in scope: it is the
		// parent
		UpgradeAttempt attempt = UpgradeAttempt.start(this.runtime, servletRequest.getRequestURI(), null);
		try {
			handle(servletRequest, servletResponse, attempt);
		}
		catch (IOException | RuntimeException ex) {
			attempt.failed(ex);
			throw ex;
		}
		finally {
			attempt.stop();
		}
	}

	private void handle(HttpServletRequest servletRequest, HttpServletResponse servletResponse, UpgradeAttempt attempt)
			throws IOException {
		if (refuseMalformedHandshake(servletRequest, servletResponse, attempt)) {
			return;
		}
		ServletServerHttpRequest request = new ServletServerHttpRequest(servletRequest);
		UpgradeGuard.Admission admission = this.guard.admit(request.getHeaders(), request.getURI());
		UpgradeGuard.Refusal refused = admission.refusal();
		if (refused != null) {
			attempt.rejected(refused.rejection());
			respond(servletResponse, refused.status(), new HttpHeaders(), refused.reason());
			return;
		}
		boolean connected = false;
		try {
			ServletUpgradeRequest upgrade = new ServletUpgradeRequest(request, pathVariables(servletRequest));
			PeerHooks hooks = attempt.hooks(upgrade);
			UpgradeDecision decision = UpgradeDecision.ask(attempt, hooks, upgrade).block();
			if (decision == null || !decision.isAccepted()) {
				UpgradeResponse answer = (decision != null) ? decision.answer()
						: UpgradeResponse.reject(500, "Internal Server Error");
				respond(servletResponse, answer.status(), answer.headers(), answer.body());
				return;
			}
			connected = accept(request, servletResponse,
					new ServletPeerHandler(upgrade, decision.namespace(this.defaultNamespace), decision.protocol(),
							this.runtime, hooks, this.resources),
					decision, admission);
			if (connected) {
				attempt.accepted();
			}
		}
		finally {
			if (!connected) {
				admission.release();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> pathVariables(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return (variables instanceof Map<?, ?> map) ? (Map<String, String>) map : Map.of();
	}

	/**
	 * Completes the handshake; the connection then holds the admission until it closes.
	 */
	private boolean accept(ServletServerHttpRequest request, HttpServletResponse servletResponse,
			ServletPeerHandler handler, UpgradeDecision decision, UpgradeGuard.Admission admission) throws IOException {
		decision.answer()
			.headers()
			.forEach((name, values) -> values.forEach((value) -> servletResponse.addHeader(name, value)));
		ServletServerHttpRequest handshakeRequest = this.compression ? request
				: new ServletServerHttpRequest(new WithoutExtensions(request.getServletRequest()));
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		try {
			return this.handshake.doHandshake(handshakeRequest, response, new Releasing(handler, admission),
					new HashMap<>());
		}
		finally {
			response.close();
		}
	}

	/**
	 * Answers a malformed handshake as RFC 6455 asks, counted before the client can read
	 * the answer; {@code false} when it is well formed.
	 */
	private boolean refuseMalformedHandshake(HttpServletRequest request, HttpServletResponse response,
			UpgradeAttempt attempt) throws IOException {
		HttpHeaders answer = new HttpHeaders();
		int status;
		String reason;
		if (!HttpMethod.GET.matches(request.getMethod())) {
			answer.set(HttpHeaders.ALLOW, HttpMethod.GET.name());
			status = 405;
			reason = "WebSocket upgrade requires GET";
		}
		else if (!SUPPORTED_VERSION.equals(request.getHeader(VERSION))) {
			answer.set(VERSION, SUPPORTED_VERSION);
			status = 426;
			reason = "Unsupported Sec-WebSocket-Version, use 13";
		}
		else if (request.getHeader(KEY) == null) {
			status = 400;
			reason = "Missing Sec-WebSocket-Key header";
		}
		else {
			return false;
		}
		attempt.rejected(UpgradeRejection.HANDSHAKE);
		respond(response, status, answer, reason);
		return true;
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

	/** The peer's handler, which gives the connection's admission back when it closes. */
	static final class Releasing extends WebSocketHandlerDecorator {

		private final UpgradeGuard.Admission admission;

		Releasing(ServletPeerHandler handler, UpgradeGuard.Admission admission) {
			super(handler);
			this.admission = admission;
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
			try {
				super.afterConnectionClosed(session, status);
			}
			finally {
				this.admission.release();
			}
		}

	}

}
