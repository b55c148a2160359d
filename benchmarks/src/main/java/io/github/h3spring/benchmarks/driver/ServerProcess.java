package io.github.h3spring.benchmarks.driver;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test seen from outside: its CPU time and resident memory from
 * {@code /proc}, its live heap from its {@code /_bench/memory} endpoint, a JVM's native
 * memory from {@code jcmd}.
 */
final class ServerProcess {

	private static final Pattern HEAP_USED = Pattern.compile("\"heapUsed\"\\s*:\\s*(\\d+)");

	private static final String NMT_OPTION = "-XX:NativeMemoryTracking=";

	private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

	private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB");

	private final long pid;

	private final long clockTicksPerSecond;

	private final URI memoryEndpoint;

	// HTTP/1.1 only: an h2c upgrade offer would reach the WebSocket upgrade path of some
	// servers
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	ServerProcess(long pid, long clockTicksPerSecond, String host, int port) {
		this.pid = pid;
		this.clockTicksPerSecond = clockTicksPerSecond;
		this.memoryEndpoint = URI.create("http://" + host + ":" + port + "/_bench/memory");
	}

	/** User plus system CPU time of every thread of the process, in seconds. */
	double cpuSeconds() {
		String stat = read("stat");
		// fields after the command name, which is in parentheses and may hold spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long utime = Long.parseLong(fields[11]);
		long stime = Long.parseLong(fields[12]);
		return (double) (utime + stime) / this.clockTicksPerSecond;
	}

	/** Resident set size in bytes. */
	long rssBytes() {
		for (String line : read("status").split("\n")) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IllegalStateException("No VmRSS in /proc/" + this.pid + "/status");
	}

	/** Live heap after a full collection, as the server reports it. */
	long liveHeapBytes() {
		try {
			HttpRequest request = HttpRequest.newBuilder(this.memoryEndpoint).timeout(Duration.ofSeconds(60)).build();
			String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			Matcher matcher = HEAP_USED.matcher(body);
			if (!matcher.find()) {
				throw new IllegalStateException("Unexpected memory report: " + body);
			}
			return Long.parseLong(matcher.group(1));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + this.memoryEndpoint, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Memory the JVM has committed outside its Java heap (Native Memory Tracking's total
	 * less its {@code Java Heap} category: metaspace, thread stacks, code, GC structures,
	 * Netty's direct memory, malloc), or -1 when the server is not a JVM started with
	 * {@code -XX:NativeMemoryTracking}.
	 */
	long nativeCommittedBytes() {
		// jcmd attaches by sending SIGQUIT, which ends a process that is not a JVM (Node)
		if (!read("cmdline").contains(NMT_OPTION)) {
			return -1;
		}
		String report = jcmd("VM.native_memory", "summary");
		Matcher total = NMT_TOTAL.matcher(report);
		Matcher heap = NMT_HEAP.matcher(report);
		if (!total.find() || !heap.find()) {
			return -1;
		}
		return (Long.parseLong(total.group(1)) - Long.parseLong(heap.group(1))) * 1024;
	}

	/** What {@code jcmd} prints for the server, empty when it cannot attach. */
	private String jcmd(String... command) {
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(this.pid)));
		line.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private String read(String file) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(this.pid), file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Server process " + this.pid + " is gone", ex);
		}
	}

}
