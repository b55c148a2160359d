package io.github.h3spring.internal.websocket;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The value of an {@code Origin} header, parsed by hand in one pass:
 * {@code scheme://host[:port]}, nothing else.
 *
 * @param scheme the scheme, lower case
 * @param host the host, lower case ({@code [...]} for an IPv6 literal)
 * @param port the port, the scheme's default when the origin names none
 * @param explicitPort whether the origin names its port
 */
record WebOrigin(String scheme, String host, int port, boolean explicitPort) {

	/**
	 * Longer than any origin a browser sends (a host name has at most 253 characters).
	 */
	static final int MAX_LENGTH = 300;

	/** Parses an {@code Origin} header, or returns {@code null} when it is not one. */
	static @Nullable WebOrigin parse(String value) {
		if (value.length() > MAX_LENGTH) {
			return null;
		}
		String origin = value.toLowerCase(Locale.ROOT);
		int separator = origin.indexOf("://");
		if (separator < 1 || !origin.chars().limit(separator).allMatch(WebOrigin::isSchemeChar)) {
			return null;
		}
		String scheme = origin.substring(0, separator);
		int hostStart = separator + 3;
		int hostEnd = origin.startsWith("[", hostStart) ? origin.indexOf(']', hostStart) + 1
				: portOrEnd(origin, hostStart);
		if (hostEnd <= hostStart) {
			return null;
		}
		String host = origin.substring(hostStart, hostEnd);
		if (!host.startsWith("[") && !host.chars().allMatch(WebOrigin::isHostChar)) {
			return null;
		}
		if (hostEnd == origin.length()) {
			return new WebOrigin(scheme, host, defaultPort(scheme), false);
		}
		if (origin.charAt(hostEnd) != ':') {
			return null;
		}
		Integer port = port(origin.substring(hostEnd + 1));
		return (port != null) ? new WebOrigin(scheme, host, port, true) : null;
	}

	private static int portOrEnd(String origin, int from) {
		int colon = origin.indexOf(':', from);
		return (colon >= 0) ? colon : origin.length();
	}

	private static @Nullable Integer port(String digits) {
		if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
			return null;
		}
		int port = Integer.parseInt(digits);
		return (port <= 65535) ? port : null;
	}

	/** The port a URL of the scheme means when it names none. */
	static int defaultPort(String scheme) {
		return switch (scheme) {
			case "https", "wss" -> 443;
			default -> 80;
		};
	}

	private static boolean isSchemeChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
	}

	private static boolean isHostChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
	}

}
