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

/**
 * Runs one of this module's Node.js scripts ({@code node/*.mjs}) as a child process and
 * returns what it printed. Tests skip with the reason when Node or the npm packages are
 * missing ({@code npm ci --prefix interop-tests/node}), unless
 * {@code H3_REQUIRE_SERVICES=true} (as in CI), where that is a failure.
 */
public final class NodeScript {

	/**
	 * Where the scripts and their {@code node_modules} are: {@code node} in this module's
	 * directory, or the {@code h3.interop.scripts} system property for suites of other
	 * modules.
	 */
	public static final Path SCRIPTS = Path.of(System.getProperty("h3.interop.scripts", "node"));

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private NodeScript() {
	}

	/**
	 * Runs {@code node <arguments>} in {@link #SCRIPTS} to its end, within 30 seconds.
	 * @param packages the npm packages the script imports
	 * @param arguments the script and its arguments
	 * @return what the script printed on its standard output
	 * @throws AssertionError when it fails or does not finish in time
	 */
	public static String run(List<String> packages, String... arguments) throws IOException, InterruptedException {
		requireInstalled(SCRIPTS, packages, Boolean.parseBoolean(System.getenv("H3_REQUIRE_SERVICES")));
		List<String> command = new ArrayList<>(List.of("node", "--experimental-websocket"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", arguments) + " did not finish within " + TIMEOUT);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new AssertionError(
					String.join(" ", arguments) + " failed (exit " + process.exitValue() + "): " + output);
		}
		return output;
	}

	/**
	 * Aborts the test (skipped, with the reason) when Node.js or one of the packages is
	 * missing, or fails it when they are required.
	 * @param scripts the folder whose {@code node_modules} holds the packages
	 * @param packages the npm packages the scripts import
	 * @param required whether a missing one fails the test ({@code H3_REQUIRE_SERVICES})
	 */
	public static void requireInstalled(Path scripts, List<String> packages, boolean required) {
		List<String> missing = packages.stream()
			.filter((name) -> !Files.isDirectory(scripts.resolve("node_modules").resolve(name)))
			.toList();
		if (missing.isEmpty() && nodeRuns()) {
			return;
		}
		Path folder = scripts.toAbsolutePath().normalize();
		String reason = "Node.js or the npm packages " + packages + " are missing (" + folder
				+ "/node_modules): npm ci --prefix " + folder;
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
