package io.github.h3spring.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code h3.*} properties whose values the runtime cannot work with, each with what to
 * change. Thrown once the properties are bound, so that every such mistake fails the
 * start-up together instead of surfacing later, request by request.
 */
class InvalidH3PropertiesException extends IllegalStateException {

	private final List<Violation> violations;

	InvalidH3PropertiesException(List<Violation> violations) {
		super(violations.stream()
			.map((violation) -> violation.name() + "=" + violation.value() + ": " + violation.reason())
			.collect(Collectors.joining("; ", "Invalid h3 configuration: ", "")));
		this.violations = List.copyOf(violations);
	}

	List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One property and what is wrong with its value.
	 *
	 * @param name the property name, in its canonical form
	 * @param value the bound value
	 * @param reason why the value cannot be used
	 * @param action what to set instead
	 */
	record Violation(String name, Object value, String reason, String action) {
	}

}
