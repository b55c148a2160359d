package io.github.h3spring.internal.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import io.github.h3spring.websocket.UpgradeRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The upgrade request, read from the exchange once the handler mapping has matched it.
 */
final class DefaultUpgradeRequest implements UpgradeRequest {

	private final ServerWebExchange exchange;

	private final Map<String, String> pathVariables;

	private final @Nullable Principal principal;

	private final Map<String, Object> context = new HashMap<>();

	private final String webSocketUrl;

	DefaultUpgradeRequest(ServerWebExchange exchange, Map<String, String> pathVariables,
			@Nullable Principal principal) {
		this.exchange = exchange;
		this.pathVariables = Map.copyOf(pathVariables);
		this.principal = principal;
		this.webSocketUrl = webSocketUrl(exchange.getRequest());
	}

	private static String webSocketUrl(ServerHttpRequest request) {
		URI uri = request.getURI();
		boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme());
		return UriComponentsBuilder.fromUri(uri).scheme(secure ? "wss" : "ws").build().toUriString();
	}

	@Override
	public String url() {
		return uri().toString();
	}

	/**
	 * The URL with a {@code ws://} or {@code wss://} scheme, as
	 * {@code peer.websocket().url()}.
	 */
	String webSocketUrl() {
		return this.webSocketUrl;
	}

	@Override
	public URI uri() {
		return this.exchange.getRequest().getURI();
	}

	@Override
	public HttpHeaders headers() {
		return this.exchange.getRequest().getHeaders();
	}

	@Override
	public MultiValueMap<String, String> queryParams() {
		return this.exchange.getRequest().getQueryParams();
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	@Override
	public MultiValueMap<String, HttpCookie> cookies() {
		return this.exchange.getRequest().getCookies();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.exchange.getRequest().getRemoteAddress();
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
		return this.exchange;
	}

	@Override
	public String toString() {
		return "UpgradeRequest[" + url() + "]";
	}

}
