package io.github.h3spring.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium and ChromeDriver ({@code apt-get install chromium chromium-driver})
 * driven by Selenium, headless, with a fresh profile. Tests skip with the reason when
 * they are not installed, unless {@code H3_REQUIRE_SERVICES=true} (as in CI), where that
 * is a failure.
 */
public final class HeadlessChromium implements AutoCloseable {

	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	/** Keeps Chromium off the network and quiet on a machine without one. */
	private static final List<String> ARGUMENTS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
			"--disable-sync", "--window-size=1200,1400");

	private final Path profile;

	private final ChromeDriver driver;

	private static @Nullable HeadlessChromium shared;

	private HeadlessChromium(Path profile, ChromeDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}

	/**
	 * Starts Chromium, or skips the test when it is not installed and not required.
	 */
	public static HeadlessChromium start() throws IOException {
		requireInstalled(BROWSER, DRIVER, Boolean.parseBoolean(System.getenv("H3_REQUIRE_SERVICES")));
		Path profile = Files.createTempDirectory("h3-chromium-");
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments(ARGUMENTS)
			.addArguments("--user-data-dir=" + profile);
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(profile, new ChromeDriver(service, options));
	}

	/**
	 * The browser of this test JVM, started by the first test class that needs it and
	 * quit when the JVM exits: Chromium takes seconds to start, its tabs are cheap.
	 */
	public static synchronized HeadlessChromium shared() throws IOException {
		if (shared == null) {
			HeadlessChromium started = start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM is exiting: a profile left in the temporary directory is
					// harmless
				}
			}));
			shared = started;
		}
		return shared;
	}

	/**
	 * Aborts the test (skipped, with the reason) when the browser or its driver is
	 * missing, or fails it when they are required.
	 */
	public static void requireInstalled(Path browser, Path driver, boolean required) {
		if (Files.isExecutable(browser) && Files.isExecutable(driver)) {
			return;
		}
		String reason = "Chromium is not installed (" + browser + ", " + driver
				+ "): apt-get install -y chromium chromium-driver";
		if (required) {
			throw new AssertionError(reason + " (required: H3_REQUIRE_SERVICES=true)");
		}
		Assumptions.abort(reason);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** The console messages logged since the last call, errors included. */
	public List<LogEntry> consoleMessages() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll();
	}

	/** Saves a screenshot of the current page under {@code target/browser}. */
	public Path screenshot(String name) {
		try {
			Path file = Path.of("target", "browser", name + ".png");
			Files.createDirectories(file.getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

}
