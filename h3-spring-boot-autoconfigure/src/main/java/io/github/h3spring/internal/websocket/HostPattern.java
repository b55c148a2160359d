package io.github.h3spring.internal.websocket;

import java.util.Locale;

/**
 * A host name pattern, matched label by label in time linear in the host's length: a
 * leading {@code *.} stands for one or more whole labels ({@code *.example.com} matches
 * {@code a.example.com} and {@code a.b.example.com}, not {@code example.com}); any other
 * {@code *} stands for characters within one label. Never a regular expression, so a
 * hostile host cannot make matching backtrack.
 */
final class HostPattern {

	private final boolean anySubdomain;

	private final String[] labels;

	private HostPattern(boolean anySubdomain, String[] labels) {
		this.anySubdomain = anySubdomain;
		this.labels = labels;
	}

	/**
	 * Parses a host pattern.
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	static HostPattern parse(String pattern) {
		String host = pattern.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]") && host.indexOf('*') < 0) {
			// an IPv6 literal: one label, compared as it is
			return new HostPattern(false, new String[] { host });
		}
		boolean anySubdomain = host.startsWith("*.");
		String[] labels = (anySubdomain ? host.substring(2) : host).split("\\.", -1);
		for (String label : labels) {
			if (label.isEmpty() || !label.chars().allMatch(HostPattern::isPatternChar)) {
				throw new IllegalArgumentException("'" + pattern + "' is not a host name pattern: use letters, digits, "
						+ "'-' and '*' in dot-separated labels, such as *.example.com");
			}
		}
		return new HostPattern(anySubdomain, labels);
	}

	private static boolean isPatternChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*' || c == '_';
	}

	/** Whether a host (lower case) matches. */
	boolean matches(String host) {
		int end = host.length();
		for (int i = this.labels.length - 1; i >= 0; i--) {
			int start = host.lastIndexOf('.', end - 1) + 1;
			if (i == 0 && !this.anySubdomain && start != 0) {
				return false;
			}
			if (start > end || !Glob.matches(this.labels[i], host, start, end)) {
				return false;
			}
			end = start - 1;
		}
		// every pattern label used: the host must be used up too, or have a subdomain
		// left for "*."
		return this.anySubdomain ? end > 0 : end == -1;
	}

	/**
	 * {@code *} within one label. Greedy with one remembered star: each character of the
	 * label is looked at a bounded number of times per pattern character, without
	 * recursion.
	 */
	private static final class Glob {

		private Glob() {
		}

		static boolean matches(String pattern, String text, int from, int to) {
			int p = 0;
			int t = from;
			int star = -1;
			int resume = from;
			while (t < to) {
				if (p < pattern.length() && pattern.charAt(p) == '*') {
					star = p++;
					resume = t;
				}
				else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
					p++;
					t++;
				}
				else if (star >= 0) {
					p = star + 1;
					t = ++resume;
				}
				else {
					return false;
				}
			}
			while (p < pattern.length() && pattern.charAt(p) == '*') {
				p++;
			}
			return p == pattern.length();
		}

	}

}
