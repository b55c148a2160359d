package io.github.h3spring.internal.websocket;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Which browser pages may open a WebSocket: pages of the server's own origin, pages whose
 * origin matches {@code h3.websocket.allowed-origins}, and clients that send no
 * {@code Origin} header at all (browsers always send one, so those are not pages). With
 * {@code h3.websocket.allowed-hosts}, only requests for those host names pass at all, so
 * a DNS-rebinding page (whose Origin and Host both name the attacker's domain) does not
 * count as same-origin.
 * <p>
 * Everything is matched by hand, in time linear in the header's length, and an
 * {@code Origin} longer than any real one is refused unread: the check runs before any
 * authentication.
 */
public final class OriginPolicy {

	private static final Log logger = LogFactory.getLog(OriginPolicy.class);

	private static final String ANY = "*";

	private final List<OriginPattern> allowedOrigins;

	private final boolean anyOrigin;

	private final List<HostPattern> allowedHosts;

	private OriginPolicy(List<OriginPattern> allowedOrigins, boolean anyOrigin, List<HostPattern> allowedHosts) {
		this.allowedOrigins = allowedOrigins;
		this.anyOrigin = anyOrigin;
		this.allowedHosts = allowedHosts;
	}

	/**
	 * Creates the policy for the configured origin patterns, for any host; an empty list
	 * means same origin only.
	 * @throws IllegalArgumentException for a pattern that is not one
	 */
	public static OriginPolicy of(List<String> allowedOrigins) {
		return of(allowedOrigins, List.of());
	}

	/**
	 * Creates the policy for the configured origin patterns (an empty list means same
	 * origin only) and host names (an empty list means any host).
	 * @throws IllegalArgumentException for a pattern that is not one
	 */
	public static OriginPolicy of(List<String> allowedOrigins, List<String> allowedHosts) {
		boolean anyOrigin = allowedOrigins.stream().anyMatch((pattern) -> ANY.equals(pattern.trim()));
		if (anyOrigin) {
			logger.warn("h3.websocket.allowed-origins contains \"*\": pages of any web site can open WebSockets "
					+ "to this application with their visitors' cookies");
		}
		List<OriginPattern> origins = allowedOrigins.stream()
			.filter((pattern) -> !ANY.equals(pattern.trim()))
			.map(OriginPattern::parse)
			.toList();
		return new OriginPolicy(origins, anyOrigin, allowedHosts.stream().map(HostPattern::parse).toList());
	}

	/**
	 * Checks the origin patterns and host names a policy would be created with.
	 * @return why one is not valid, or {@code null} when all are
	 */
	public static @Nullable String problem(List<String> allowedOrigins, List<String> allowedHosts) {
		try {
			allowedOrigins.stream().filter((pattern) -> !ANY.equals(pattern.trim())).forEach(OriginPattern::parse);
			allowedHosts.forEach(HostPattern::parse);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/** Whether a request with these headers to this URI may upgrade. */
	public boolean allows(HttpHeaders headers, URI requestUri) {
		return allowsHost(requestUri) && allowsOrigin(headers, requestUri);
	}

	/** Whether the request names a host this application answers to. */
	boolean allowsHost(URI requestUri) {
		if (this.allowedHosts.isEmpty()) {
			return true;
		}
		String host = requestUri.getHost();
		if (host == null) {
			return false;
		}
		String lowerCase = host.toLowerCase(Locale.ROOT);
		return this.allowedHosts.stream().anyMatch((pattern) -> pattern.matches(lowerCase));
	}

	private boolean allowsOrigin(HttpHeaders headers, URI requestUri) {
		String value = headers.getOrigin();
		if (value == null || this.anyOrigin) {
			return true;
		}
		WebOrigin origin = WebOrigin.parse(value);
		if (origin == null) {
			return false;
		}
		return isSameOrigin(origin, requestUri)
				|| this.allowedOrigins.stream().anyMatch((pattern) -> pattern.matches(origin));
	}

	private static boolean isSameOrigin(WebOrigin origin, URI requestUri) {
		String requestScheme = httpScheme(requestUri.getScheme());
		int requestPort = (requestUri.getPort() != -1) ? requestUri.getPort() : WebOrigin.defaultPort(requestScheme);
		return httpScheme(origin.scheme()).equals(requestScheme) && origin.host().equalsIgnoreCase(requestUri.getHost())
				&& origin.port() == requestPort;
	}

	private static String httpScheme(@Nullable String scheme) {
		String lower = (scheme != null) ? scheme.toLowerCase(Locale.ROOT) : "http";
		return switch (lower) {
			case "ws" -> "http";
			case "wss" -> "https";
			default -> lower;
		};
	}

}
