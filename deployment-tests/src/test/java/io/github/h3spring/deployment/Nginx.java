package io.github.h3spring.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx as a child process of the test, with the configuration of
 * docs/deployment.md ({@code docs/nginx/h3.conf}) inside a main configuration of its own:
 * its prefix, pid and logs in a directory of the build, one worker, in the foreground.
 */
final class Nginx implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/sbin/nginx");

	/** The configuration that docs/deployment.md shows. */
	static final Path DOCUMENTED_CONFIGURATION = Path.of("..", "docs", "nginx", "h3.conf");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(H3_[A-Z_]+)}");

	private final Process process;

	private final Path directory;

	private Nginx(Process process, Path directory) {
		this.process = process;
		this.directory = directory;
	}

	/**
	 * Fails without nginx when {@code H3_REQUIRE_SERVICES=true}, as {@code .ci/run} sets
	 * it; skips otherwise.
	 */
	static void require() {
		if (!Files.isExecutable(BINARY)) {
			String reason = BINARY + " is not installed (apt-get install nginx)";
			if ("true".equals(System.getenv("H3_REQUIRE_SERVICES"))) {
				throw new AssertionError(reason + " and H3_REQUIRE_SERVICES=true");
			}
			Assumptions.abort(reason + ": skipping; set H3_REQUIRE_SERVICES=true to fail instead");
		}
	}

	/**
	 * Starts nginx and waits until it accepts connections.
	 * @param directory its prefix: configuration, pid, logs and temporary files
	 * @param port the port it listens on (the value of {@code H3_LISTEN})
	 * @param values the other placeholders of the documented configuration
	 */
	static Nginx start(Path directory, int port, Map<String, String> values) throws IOException {
		Path prefix = Files.createDirectories(directory).toAbsolutePath();
		Files.createDirectories(prefix.resolve("temp"));
		Files.writeString(prefix.resolve("h3.conf"), fill(Files.readString(DOCUMENTED_CONFIGURATION), port, values));
		Files.writeString(prefix.resolve("nginx.conf"), """
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log info;
				events {
				    worker_connections 1024;
				}
				http {
				    access_log %1$s/access.log;
				    client_body_temp_path %1$s/temp/body;
				    proxy_temp_path %1$s/temp/proxy;
				    fastcgi_temp_path %1$s/temp/fastcgi;
				    uwsgi_temp_path %1$s/temp/uwsgi;
				    scgi_temp_path %1$s/temp/scgi;
				    # from another loopback address than the test's clients: an instance that reports
				    # 127.0.0.1 for a client took it from X-Forwarded-For, not from the connection
				    proxy_bind 127.0.0.3;
				    include %1$s/h3.conf;
				}
				""".formatted(prefix));
		Process process = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c",
				prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("error.log").toString(), "-g",
				"daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("nginx.out").toFile())
			.start();
		Nginx nginx = new Nginx(process, prefix);
		try {
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("nginx exited: " + nginx.log());
				}
				return accepts(port);
			});
		}
		catch (RuntimeException ex) {
			nginx.close();
			throw ex;
		}
		return nginx;
	}

	private static String fill(String template, int port, Map<String, String> values) {
		Matcher placeholders = PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (placeholders.find()) {
			String name = placeholders.group(1);
			String value = name.equals("H3_LISTEN") ? "127.0.0.1:" + port : values.get(name);
			if (value == null) {
				throw new IllegalArgumentException("No value for ${" + name + "} of " + DOCUMENTED_CONFIGURATION);
			}
			placeholders.appendReplacement(filled, Matcher.quoteReplacement(value));
		}
		return placeholders.appendTail(filled).toString();
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** What nginx wrote to its error log and its output. */
	String log() {
		try {
			Path error = this.directory.resolve("error.log");
			Path out = this.directory.resolve("nginx.out");
			return (Files.exists(error) ? Files.readString(error) : "")
					+ (Files.exists(out) ? Files.readString(out) : "");
		}
		catch (IOException ex) {
			return "(unreadable log: " + ex + ")";
		}
	}

	@Override
	public void close() {
		// TERM: a fast shutdown of the master and its worker
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
