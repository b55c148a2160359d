package io.github.h3spring.demo;

/**
 * Client text as it may go into a log line: control characters (line breaks above all,
 * which would let a client forge log lines) escaped, and long texts cut, so that a client
 * can neither forge nor flood the log.
 */
final class LoggedText {

	static final int MAX_LENGTH = 200;

	private LoggedText() {
	}

	static String of(String text) {
		StringBuilder logged = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
		int end = Math.min(text.length(), MAX_LENGTH);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				logged.append(String.format("\\u%04x", (int) c));
			}
			else {
				logged.append(c);
			}
		}
		if (text.length() > MAX_LENGTH) {
			logged.append("... (").append(text.length()).append(" chars)");
		}
		return logged.toString();
	}

}
