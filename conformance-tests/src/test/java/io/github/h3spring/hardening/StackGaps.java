package io.github.h3spring.hardening;

import io.github.h3spring.conformance.Stack;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a servlet container does not yet hold a bound that Reactor Netty holds. The suite runs
 * on every stack ({@link Stack}); a check below is skipped, with the reason, only where the gap
 * is known, so that closing it shows up as a check that runs.
 */
final class StackGaps {

	private StackGaps() {
	}

	/**
	 * The request head deadline: Tomcat times out each read on its own and has no hook for a
	 * deadline, so a client that sends a byte every few seconds is not dropped
	 * (docs/security-and-limits.md).
	 */
	static void assumeRequestHeadDeadline() {
		Assumptions.assumeFalse(Stack.current() == Stack.TOMCAT,
				"tomcat restarts its read timeout with every byte and has no deadline for the request head");
	}

}
