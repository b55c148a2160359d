package io.github.h3spring.internal.handler;

import org.springframework.web.util.pattern.PathPattern;

/**
 * The shape of a path pattern: its text with what does not change which requests it
 * matches taken out. Variable names are dropped ({@code /rooms/{id}} and
 * {@code /rooms/{room}} have the shape {@code /rooms/{}}), and the two spellings of "the
 * rest of the path", {@code /**} and {@code /{*name}}, become one. Regular expressions
 * stay as written: {@code {id:\d+}} and {@code {id}} overlap without being equal, and two
 * different expressions may or may not match the same segments, which cannot be decided
 * in general. Two patterns of one shape match exactly the same requests, so only one of
 * them could ever be served.
 */
final class PatternShape {

	private static final String REST_OF_PATH = "**";

	private PatternShape() {
	}

	/**
	 * Returns the shape of a pattern that {@code PathPatternParser} accepted.
	 */
	static String of(PathPattern pattern) {
		String source = pattern.getPatternString();
		StringBuilder shape = new StringBuilder(source.length());
		int index = 0;
		while (index < source.length()) {
			char ch = source.charAt(index);
			if (ch == '{') {
				int end = captureEnd(source, index);
				appendCapture(shape, source.substring(index + 1, end));
				index = end + 1;
			}
			else if (isRestOfPath(source, index)) {
				shape.append(REST_OF_PATH);
				index += 2;
			}
			else {
				shape.append(ch);
				index++;
			}
		}
		return shape.toString();
	}

	private static void appendCapture(StringBuilder shape, String capture) {
		if (capture.startsWith("*")) {
			shape.append(REST_OF_PATH);
			return;
		}
		int colon = capture.indexOf(':');
		shape.append((colon != -1) ? "{" + capture.substring(colon) + "}" : "{}");
	}

	/** The index of the '}' that closes the capture opened at {@code open}. */
	private static int captureEnd(String source, int open) {
		int index = open + 1;
		while (source.charAt(index) != '}' && source.charAt(index) != ':') {
			index++;
		}
		if (source.charAt(index) == '}') {
			return index;
		}
		// a regular expression: nested {m,n} pairs are allowed, and \ escapes the next
		// character
		int depth = 0;
		for (index++; index < source.length(); index++) {
			char ch = source.charAt(index);
			if (ch == '\\') {
				index++;
			}
			else if (ch == '{') {
				depth++;
			}
			else if (ch == '}') {
				if (depth == 0) {
					return index;
				}
				depth--;
			}
		}
		throw new IllegalStateException("Unclosed capture in parsed pattern '" + source + "'");
	}

	/** Whether a {@code **} segment starts at {@code index}. */
	private static boolean isRestOfPath(String source, int index) {
		return source.startsWith(REST_OF_PATH, index) && (index == 0 || source.charAt(index - 1) == '/')
				&& (index + 2 == source.length() || source.charAt(index + 2) == '/');
	}

}
