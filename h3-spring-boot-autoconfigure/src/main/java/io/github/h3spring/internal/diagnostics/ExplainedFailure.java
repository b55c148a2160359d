package io.github.h3spring.internal.diagnostics;

/**
 * A start-up failure that says what is wrong (its message) and what to change, so that
 * Spring Boot's failure analysis can report both instead of a stack trace.
 */
public abstract class ExplainedFailure extends RuntimeException {

	private final String action;

	/**
	 * Creates a failure.
	 * @param description what is wrong, as a sentence
	 * @param action what to change, as a sentence
	 */
	protected ExplainedFailure(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Returns what to change.
	 * @return the action, as a sentence
	 */
	public String action() {
		return this.action;
	}

}
