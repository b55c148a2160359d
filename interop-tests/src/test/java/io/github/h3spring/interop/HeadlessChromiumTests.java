package io.github.h3spring.interop;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class HeadlessChromiumTests {

	private static final Path MISSING = Path.of("/nonexistent/chromium");

	@Test
	void whenChromiumIsMissingTheTestIsSkippedWithTheReason() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> HeadlessChromium.requireInstalled(MISSING, HeadlessChromium.DRIVER, false))
			.withMessageContaining("/nonexistent/chromium")
			.withMessageContaining("apt-get install -y chromium chromium-driver");
	}

	@Test
	void whenChromiumIsMissingButRequiredTheTestFails() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> HeadlessChromium.requireInstalled(HeadlessChromium.BROWSER, MISSING, true))
			.withMessageContaining("H3_REQUIRE_SERVICES=true");
	}

	@Test
	void whenBothArePresentNothingHappens() {
		Path shell = Path.of("/bin/sh");
		assertThatNoException().isThrownBy(() -> HeadlessChromium.requireInstalled(shell, shell, true));
	}

}
