package io.github.h3spring.internal.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Which browser pages may open a WebSocket: pages of the server's own origin, pages whose
 * origin matches {@code h3.websocket.allowed-origins}, and clients that send no
 * {@code Origin} header at all (browsers always send one, so those are not pages).
 */
public final class OriginPolicy {

	private static final Log logger = LogFactory.getLog(OriginPolicy.class);

	private final @Nullable CorsConfiguration allowed;

	private OriginPolicy(@Nullable CorsConfiguration allowed) {
		this.allowed = allowed;
	}

	/**
	 * Creates the policy for the configured origin patterns; an empty list means same origin
	 * only.
	 */
	public static OriginPolicy of(List<String> allowedOrigins) {
		if (allowedOrigins.isEmpty()) {
			return new OriginPolicy(null);
		}
		if (allowedOrigins.contains(CorsConfiguration.ALL)) {
			logger.warn("h3.websocket.allowed-origins contains \"*\": pages of any web site can open WebSockets "
					+ "to this application with their visitors' cookies");
		}
		CorsConfiguration patterns = new CorsConfiguration();
		patterns.setAllowedOriginPatterns(allowedOrigins);
		return new OriginPolicy(patterns);
	}

	public boolean allows(HttpHeaders headers, URI requestUri) {
		String origin = headers.getOrigin();
		if (origin == null) {
			return true;
		}
		return isSameOrigin(origin, requestUri)
				|| (this.allowed != null && this.allowed.checkOrigin(origin) != null);
	}

	private static boolean isSameOrigin(String origin, URI requestUri) {
		try {
			URI originUri = new URI(origin);
			String originScheme = scheme(originUri.getScheme());
			String requestScheme = scheme(requestUri.getScheme());
			return originUri.getHost() != null && originScheme.equals(requestScheme)
					&& originUri.getHost().equalsIgnoreCase(requestUri.getHost())
					&& port(originUri, originScheme) == port(requestUri, requestScheme);
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String scheme(@Nullable String scheme) {
		String lower = (scheme != null) ? scheme.toLowerCase(Locale.ROOT) : "http";
		return switch (lower) {
			case "ws" -> "http";
			case "wss" -> "https";
			default -> lower;
		};
	}

	private static int port(URI uri, String scheme) {
		return (uri.getPort() != -1) ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
	}

}
