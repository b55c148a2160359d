package io.github.h3spring.internal.websocket;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code h3.websocket.allowed-origins}: {@code scheme://host[:port]}, where
 * the host is a {@link HostPattern} and the port a number, {@code [*]} (any port) or a
 * list such as {@code [8080,8081]}; without a port only the scheme's default port
 * matches. Matched without regular expressions, in time linear in the origin's length.
 */
final class OriginPattern {

	private final String scheme;

	private final HostPattern host;

	/** The ports allowed, {@code null} for any. */
	private final int @Nullable [] ports;

	private OriginPattern(String scheme, HostPattern host, int @Nullable [] ports) {
		this.scheme = scheme;
		this.host = host;
		this.ports = ports;
	}

	/**
	 * Parses a pattern, such as {@code https://*.example.com} or
	 * {@code http://localhost:[*]}.
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	static OriginPattern parse(String pattern) {
		String value = pattern.trim().toLowerCase(Locale.ROOT);
		if (value.endsWith("/")) {
			value = value.substring(0, value.length() - 1);
		}
		int separator = value.indexOf("://");
		if (separator < 1) {
			throw invalid(pattern, "it has no scheme");
		}
		String scheme = value.substring(0, separator);
		String authority = value.substring(separator + 3);
		if (authority.indexOf('/') >= 0 || authority.indexOf('?') >= 0 || authority.indexOf('#') >= 0) {
			throw invalid(pattern, "an origin has no path, query or fragment");
		}
		int portStart = authority.startsWith("[") && !authority.startsWith("[*]")
				? authority.indexOf(':', authority.indexOf(']')) : authority.indexOf(':');
		String host = (portStart >= 0) ? authority.substring(0, portStart) : authority;
		int[] ports = (portStart >= 0) ? ports(pattern, authority.substring(portStart + 1))
				: new int[] { WebOrigin.defaultPort(scheme) };
		try {
			return new OriginPattern(scheme, HostPattern.parse(host), ports);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(pattern, ex.getMessage());
		}
	}

	private static int @Nullable [] ports(String pattern, String spec) {
		if (spec.equals("[*]") || spec.equals("*")) {
			return null;
		}
		String list = (spec.startsWith("[") && spec.endsWith("]")) ? spec.substring(1, spec.length() - 1) : spec;
		try {
			int[] ports = Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
			if (Arrays.stream(ports).allMatch((port) -> port > 0 && port <= 65535)) {
				return ports;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(pattern, "its port must be a number, a list such as [8080,8081], or [*] for any port");
	}

	private static IllegalArgumentException invalid(String pattern, @Nullable String reason) {
		return new IllegalArgumentException("'" + pattern + "' is not an origin pattern: " + reason);
	}

	boolean matches(WebOrigin origin) {
		return this.scheme.equals(origin.scheme()) && portMatches(origin.port()) && this.host.matches(origin.host());
	}

	private boolean portMatches(int port) {
		if (this.ports == null) {
			return true;
		}
		for (int allowed : this.ports) {
			if (allowed == port) {
				return true;
			}
		}
		return false;
	}

}
