package io.github.h3spring.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.h3spring.interop.HeadlessChromium;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as a user runs it: the jar the build packaged, started with {@code java -jar}
 * (and, where the module processed it ahead of time, with
 * {@code -Dspring.aot.enabled=true}), its page opened in headless Chromium. Runs in the
 * {@code integration-test} phase, after {@code repackage}; the build passes the jar's
 * path and whether it holds AOT code.
 */
class ExecutableJarIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	static Stream<Arguments> launches() {
		Path jar = Path.of(System.getProperty("demo.jar"));
		Stream<Arguments> plain = Stream.of(Arguments.of(jar, false));
		return Boolean.getBoolean("demo.aot") ? Stream.concat(plain, Stream.of(Arguments.of(jar, true))) : plain;
	}

	@ParameterizedTest(name = "java -jar {0}, AOT {1}")
	@MethodSource("launches")
	void theJarServesTheDemoPage(Path jar, boolean aot) throws Exception {
		assertThat(jar).isRegularFile();
		int port = freePort();
		Path log = Files.createTempFile(jar.getParent(), "java-jar-", ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (aot) {
			command.add("-Dspring.aot.enabled=true");
		}
		command
			.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--management.server.port=" + freePort()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			awaitPage(port, process, log);
			assertThat(Files.readString(log)).as("start-up log").contains(aot ? "Starting AOT-processed" : "Starting ");
			chatEchoAndEventsWorkIn(HeadlessChromium.shared().driver(), "http://localhost:" + port + "/");
		}
		finally {
			stop(process);
		}
	}

	private static void chatEchoAndEventsWorkIn(ChromeDriver driver, String page) {
		driver.get(page);
		waitForText(driver, "chat-log", "Welcome!");
		driver.findElement(By.id("chat-input")).sendKeys("hello from the jar");
		driver.findElement(By.id("chat-send")).click();
		waitForText(driver, "chat-log", "[me] hello from the jar");
		waitForText(driver, "echo-log", "connected");
		driver.findElement(By.id("echo-ping")).click();
		waitForText(driver, "echo-log", "< pong");
		waitForText(driver, "sse-log", "Hello world");
		waitForText(driver, "chat-events-log", "] hello from the jar");
		driver.get("about:blank");
	}

	/**
	 * Polls the page until it answers 200, failing with the log if the process ends
	 * first.
	 */
	private static void awaitPage(int port, Process process, Path log) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as(() -> "the jar exited:\n" + read(log)).isTrue();
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// the server is still starting
			}
			process.waitFor(200, TimeUnit.MILLISECONDS);
		}
		throw new AssertionError("the jar did not serve its page within " + START_TIMEOUT + ":\n" + read(log));
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static void waitForText(ChromeDriver driver, String id, String text) {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String read(Path log) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

}
