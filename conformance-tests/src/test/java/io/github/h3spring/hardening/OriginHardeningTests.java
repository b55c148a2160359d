package io.github.h3spring.hardening;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Origins and hosts as a hostile page or client chooses them: patterns that cannot be
 * made to backtrack, and DNS rebinding refused when the application names its hosts.
 */
class OriginHardeningTests {

	private static final String PATTERNS = "h3.websocket.allowed-origins=https://*.*.*.*.partner.example";

	@Test
	void anOriginThatWouldMakeAWildcardPatternBacktrackIsAnsweredAtOnce() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start(PATTERNS)) {
			String host = "localhost:" + app.port();
			// 300 dots (the probe that cost 4 s of event-loop CPU), then one just under
			// the length cap
			String probe = "https://" + "a.".repeat(300) + "x";
			String underTheCap = "https://" + "a.".repeat(140) + "x";
			assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
				assertThat(RawUpgrade.status(app.port(), RawUpgrade.head("/_ws", host, "Origin: " + probe)))
					.isEqualTo(403);
				assertThat(RawUpgrade.status(app.port(), RawUpgrade.head("/_ws", host, "Origin: " + underTheCap)))
					.isEqualTo(403);
			});
			assertThat(RawUpgrade.status(app.port(),
					RawUpgrade.head("/_ws", host, "Origin: https://a.b.c.d.partner.example")))
				.isEqualTo(101);
		}
	}

	@Test
	void aWildcardMatchesWithinALabelAndALeadingOneAnySubdomain() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start(
				"h3.websocket.allowed-origins[0]=https://*.example.com",
				"h3.websocket.allowed-origins[1]=http://app-*.test:[8080,8081]")) {
			String host = "localhost:" + app.port();
			assertThat(status(app, host, "https://a.b.example.com")).isEqualTo(101);
			assertThat(status(app, host, "https://example.com")).isEqualTo(403);
			assertThat(status(app, host, "https://evil-example.com")).isEqualTo(403);
			assertThat(status(app, host, "http://app-1.test:8081")).isEqualTo(101);
			assertThat(status(app, host, "http://app-1.test:8082")).isEqualTo(403);
			assertThat(status(app, host, "http://app-1.x.test:8080")).isEqualTo(403);
		}
	}

	@Test
	void anOriginPatternThatIsNotOneFailsTheStartUp() {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> HardeningApplication.start("h3.websocket.allowed-origins=https://example.com/app"))
			.withStackTraceContaining("h3.websocket.allowed-origins")
			.withStackTraceContaining("an origin has no path");
	}

	@Test
	void aDnsRebindingPageIsRefusedWhenTheApplicationNamesItsHosts() throws IOException {
		try (HardeningApplication.Running app = HardeningApplication.start("h3.websocket.allowed-hosts=localhost")) {
			String rebound = "attacker.example:" + app.port();
			// the page's Origin and the Host both name the attacker's domain, now
			// resolving to us
			assertThat(status(app, rebound, "http://" + rebound)).isEqualTo(403);
			assertThat(RawUpgrade.status(app.port(), RawUpgrade.head("/_ws", rebound))).isEqualTo(403);
			String local = "localhost:" + app.port();
			assertThat(status(app, local, "http://" + local)).isEqualTo(101);
		}
	}

	private static int status(HardeningApplication.Running app, String host, String origin) throws IOException {
		return RawUpgrade.status(app.port(), RawUpgrade.head("/_ws", host, "Origin: " + origin));
	}

}
