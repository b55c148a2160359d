package io.github.h3spring.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.github.h3spring.interop.HeadlessChromium;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page in a real headless Chromium: what a person sees when they open it in two
 * tabs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoPageBrowserTests {

	private HeadlessChromium chromium;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void startChromium() throws IOException {
		this.chromium = HeadlessChromium.shared();
	}

	/** One blank tab between tests, and no console messages carried over. */
	@AfterEach
	void closeExtraTabs() {
		ChromeDriver driver = this.chromium.driver();
		List<String> handles = List.copyOf(driver.getWindowHandles());
		for (String handle : handles.subList(1, handles.size())) {
			driver.switchTo().window(handle).close();
		}
		driver.switchTo().window(handles.get(0)).get("about:blank");
		this.chromium.consoleMessages();
	}

	@Test
	void twoPagesChatWithEachOtherWhileEventsStreamAndTheEchoAnswers() {
		ChromeDriver driver = this.chromium.driver();
		String alice = open(driver, "http://localhost:" + this.port + "/");
		waitForText(driver, "chat-log", "Welcome!");
		driver.switchTo().newWindow(WindowType.TAB);
		String bob = open(driver, "http://localhost:" + this.port + "/");
		waitForText(driver, "chat-log", "Welcome!");

		say(driver, "hello from bob");
		driver.switchTo().window(alice);
		waitForText(driver, "chat-log", "] hello from bob");
		assertThat(text(driver, "chat-log")).contains("joined");
		say(driver, "hi bob");
		driver.switchTo().window(bob);
		waitForText(driver, "chat-log", "] hi bob");
		assertThat(text(driver, "chat-log")).contains("[me] hello from bob");

		driver.switchTo().window(alice);
		waitForText(driver, "echo-log", "connected");
		driver.findElement(By.id("echo-ping")).click();
		waitForText(driver, "echo-log", "< pong");

		waitForText(driver, "sse-log", "Hello world");
		waitForText(driver, "chat-events-log", "] hello from bob");

		assertThat(this.chromium.screenshot("demo-page")).isNotEmptyFile();
		List<LogEntry> errors = this.chromium.consoleMessages()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.toList();
		assertThat(errors).as("console errors and warnings").isEmpty();
	}

	@Test
	void theCalculatorAnswersOverHttpAndWebSocketAndAnnouncesEveryComputation() {
		ChromeDriver driver = this.chromium.driver();
		open(driver, "http://localhost:" + this.port + "/");
		waitForText(driver, "calc-log", "connected");
		driver.findElement(By.id("calc-http")).click();
		waitForText(driver, "calc-log", "HTTP: = 13");
		waitForText(driver, "calc-log", "notification: add(6, 7) = 13");

		new Select(driver.findElement(By.id("calc-operation"))).selectByValue("multiply");
		driver.findElement(By.id("calc-ws")).click();
		waitForText(driver, "calc-log", "WebSocket: = 42");
		waitForText(driver, "calc-log", "notification: multiply(6, 7) = 42");

		new Select(driver.findElement(By.id("calc-operation"))).selectByValue("divide");
		driver.findElement(By.id("calc-b")).clear();
		driver.findElement(By.id("calc-b")).sendKeys("0");
		driver.findElement(By.id("calc-ws")).click();
		waitForText(driver, "calc-log", "WebSocket: error -32000 Division by zero");
		driver.findElement(By.id("calc-http")).click();
		waitForText(driver, "calc-log", "HTTP: error -32000 Division by zero");
	}

	@Test
	void aPageFromAnotherOriginIsRefused() {
		ChromeDriver driver = this.chromium.driver();
		double refused = originRejections();
		// 127.0.0.1 and localhost are different origins: the page may use its own server,
		// not the other one
		driver.switchTo().newWindow(WindowType.TAB);
		open(driver, "http://127.0.0.1:" + this.port + "/");
		waitForText(driver, "chat-log", "Welcome!");
		Object outcome = driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const socket = new WebSocket(arguments[0]);
				socket.onopen = () => done("open");
				socket.onclose = (event) => done("closed " + event.code);
				""", "ws://localhost:" + this.port + "/chat");
		assertThat(outcome).isEqualTo("closed 1006");
		assertThat(originRejections()).isEqualTo(refused + 1);
	}

	private double originRejections() {
		Counter counter = this.meters.find("h3.websocket.upgrades")
			.tags("handler", "chatSocket", "outcome", "rejected", "reason", "origin")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String open(WebDriver driver, String url) {
		driver.get(url);
		return driver.getWindowHandle();
	}

	private static void say(WebDriver driver, String message) {
		driver.findElement(By.id("chat-input")).sendKeys(message);
		driver.findElement(By.id("chat-send")).click();
	}

	private static String text(WebDriver driver, String id) {
		return driver.findElement(By.id(id)).getText();
	}

	private static void waitForText(WebDriver driver, String id, String text) {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

}
