package io.github.h3spring.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of Node.js run as a child process on {@code node/client.mjs}: Node's
 * built-in {@code WebSocket} (undici, what Node applications and many CLIs use) or the
 * {@code ws} package (what most Node servers and test tools use). Each run prints one
 * {@link ClientResult} per socket. Tests skip with the reason when Node or the {@code ws}
 * package is missing ({@code npm ci --prefix interop-tests/node}), unless
 * {@code H3_REQUIRE_SERVICES=true} (as in CI), where that is a failure.
 */
public enum NodeWebSocketClient {

	/** Node's built-in {@code WebSocket}, which is undici's; offers permessage-deflate. */
	UNDICI("undici"),

	/** The {@code ws} package, with permessage-deflate offered. */
	WS("ws");

	/**
	 * Where the scripts and their {@code node_modules} are: {@code node} in this module's
	 * directory, or the {@code h3.interop.scripts} system property for suites of other modules.
	 */
	public static final Path SCRIPTS = Path.of(System.getProperty("h3.interop.scripts", "node"));

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	NodeWebSocketClient(String name) {
		this.name = name;
	}

	/**
	 * Runs one scenario of {@code client.mjs} to its end.
	 * @param scenario the scenario's name, such as {@code send-then-close}
	 * @param url the WebSocket URL
	 * @param argument the scenario's argument (a count, a size)
	 * @return what each socket received and how it closed
	 */
	public List<ClientResult> run(String scenario, String url, int argument) throws IOException, InterruptedException {
		requireInstalled(SCRIPTS, Boolean.parseBoolean(System.getenv("H3_REQUIRE_SERVICES")));
		Process process = new ProcessBuilder("node", "--experimental-websocket", "client.mjs", this.name, scenario, url,
				String.valueOf(argument))
			.directory(SCRIPTS.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(this + " did not finish " + scenario + " within " + TIMEOUT);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new AssertionError(this + " failed " + scenario + " (exit " + process.exitValue() + "): " + output);
		}
		List<ClientResult> results = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (!line.isBlank()) {
				results.add(JSON.readValue(line, ClientResult.class));
			}
		}
		return results;
	}

	/**
	 * Aborts the test (skipped, with the reason) when Node.js or the {@code ws} package is
	 * missing, or fails it when they are required.
	 */
	static void requireInstalled(Path scripts, boolean required) {
		if (Files.isDirectory(scripts.resolve("node_modules/ws")) && nodeRuns()) {
			return;
		}
		String reason = "Node.js or the ws package is missing (" + scripts.toAbsolutePath()
				+ "/node_modules/ws): npm ci --prefix interop-tests/node";
		if (required) {
			throw new AssertionError(reason + " (required: H3_REQUIRE_SERVICES=true)");
		}
		Assumptions.abort(reason);
	}

	private static boolean nodeRuns() {
		try {
			Process process = new ProcessBuilder("node", "--version").start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
