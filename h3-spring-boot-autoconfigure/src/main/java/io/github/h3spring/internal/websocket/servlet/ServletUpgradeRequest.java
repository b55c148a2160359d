package io.github.h3spring.internal.websocket.servlet;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.github.h3spring.websocket.UpgradeRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The upgrade request on a servlet container, read once the handler mapping has matched
 * it. It outlives the servlet request (a peer keeps it), so everything is copied up
 * front.
 */
final class ServletUpgradeRequest implements UpgradeRequest {

	private final URI uri;

	private final HttpHeaders headers;

	private final MultiValueMap<String, String> queryParams;

	private final Map<String, String> pathVariables;

	private final MultiValueMap<String, HttpCookie> cookies;

	private final @Nullable InetSocketAddress remoteAddress;

	private final @Nullable Principal principal;

	private final Map<String, Object> context = new HashMap<>();

	ServletUpgradeRequest(ServletServerHttpRequest request, Map<String, String> pathVariables) {
		HttpServletRequest servletRequest = request.getServletRequest();
		this.uri = request.getURI();
		HttpHeaders copy = new HttpHeaders();
		copy.putAll(request.getHeaders());
		this.headers = HttpHeaders.readOnlyHttpHeaders(copy);
		this.queryParams = queryParams(servletRequest);
		this.pathVariables = Map.copyOf(pathVariables);
		this.cookies = cookies(servletRequest);
		this.remoteAddress = request.getRemoteAddress();
		this.principal = servletRequest.getUserPrincipal();
	}

	/**
	 * Decoded, as WebFlux's query parameters are; an upgrade is a GET, so there is no
	 * form body.
	 */
	private static MultiValueMap<String, String> queryParams(HttpServletRequest request) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		request.getParameterMap().forEach((name, values) -> params.addAll(name, Arrays.asList(values)));
		return CollectionUtils.unmodifiableMultiValueMap(params);
	}

	private static MultiValueMap<String, HttpCookie> cookies(HttpServletRequest request) {
		MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
		Cookie[] sent = request.getCookies();
		if (sent != null) {
			for (Cookie cookie : sent) {
				cookies.add(cookie.getName(), new HttpCookie(cookie.getName(), cookie.getValue()));
			}
		}
		return cookies;
	}

	/**
	 * The URL with a {@code ws://} or {@code wss://} scheme, as
	 * {@code peer.websocket().url()}.
	 */
	String webSocketUrl() {
		boolean secure = "https".equalsIgnoreCase(this.uri.getScheme());
		return UriComponentsBuilder.fromUri(this.uri).scheme(secure ? "wss" : "ws").build().toUriString();
	}

	@Override
	public String url() {
		return this.uri.toString();
	}

	@Override
	public URI uri() {
		return this.uri;
	}

	@Override
	public HttpHeaders headers() {
		return this.headers;
	}

	@Override
	public MultiValueMap<String, String> queryParams() {
		return this.queryParams;
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	@Override
	public MultiValueMap<String, HttpCookie> cookies() {
		return this.cookies;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public Map<String, Object> context() {
		return this.context;
	}

	@Override
	public ServerWebExchange exchange() {
		throw new UnsupportedOperationException(
				"UpgradeRequest.exchange() is WebFlux-only; on Spring MVC read headers(), uri() and principal()");
	}

	@Override
	public String toString() {
		return "UpgradeRequest[" + url() + "]";
	}

}
