package io.github.h3spring.benchmarks.driver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.h3spring.benchmarks.Result;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load driver's command line: runs workloads one after the other against one server
 * and appends one JSON line per workload to the results file.
 * <p>
 * Workloads: {@code echo-c<N>}, {@code fanout-<N>}, {@code sse-<N>}, {@code storm-<N>},
 * {@code idle-<N>}, {@code cold-echo-c<N>} (echo measured for its first 2 s with no
 * warm-up: run it first on a fresh server) and {@code warmup} (echo and fan-out, not
 * reported). Options: {@code --port}, {@code --pid} (the server process, for its CPU time
 * and memory), {@code --server} (its name in the results), {@code --repetition},
 * {@code --warmup} and {@code --duration} in seconds, {@code --size} (message bytes),
 * {@code --window} (publishes in flight), {@code --clock-ticks}
 * ({@code getconf CLK_TCK}), {@code --out}. The whole run is bounded by
 * {@code --time-limit} seconds.
 */
public final class LoadDriver {

	private LoadDriver() {
	}

	/**
	 * Runs the workloads, then exits; the JVM ends when the time limit is reached,
	 * whatever it is doing.
	 */
	public static void main(String[] args) throws Exception {
		watchdog(Duration.ofSeconds(Integer.parseInt(options(args).getOrDefault("time-limit", "600"))));
		System.exit(run(args));
	}

	public static int run(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String host = "127.0.0.1";
		int port = Integer.parseInt(required(options, "port"));
		long pid = Long.parseLong(required(options, "pid"));
		ServerProcess server = new ServerProcess(pid, Long.parseLong(options.getOrDefault("clock-ticks", "100")), host,
				port);
		JsonMapper json = JsonMapper.builder().build();
		Path out = Path.of(required(options, "out"));
		int window = Integer.parseInt(options.getOrDefault("window", "8"));
		try (Clients clients = new Clients(host, port)) {
			Bench bench = new Bench(clients, server, required(options, "server"),
					Integer.parseInt(options.getOrDefault("repetition", "1")),
					Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("warmup", "2")) * 1000)),
					Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("duration", "5")) * 1000)),
					Integer.parseInt(options.getOrDefault("size", "64")));
			for (String workload : required(options, "workloads").split(",")) {
				if (workload.equals("warmup")) {
					warmUp(bench, window);
					continue;
				}
				Result result = run(bench, workload.trim(), window);
				String line = json.writeValueAsString(result);
				System.out.println(line);
				Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}
		return 0;
	}

	private static Result run(Bench bench, String workload, int window) throws InterruptedException {
		int dash = workload.lastIndexOf('-');
		String kind = workload.substring(0, dash);
		String count = workload.substring(dash + 1);
		return switch (kind) {
			case "echo" -> new EchoWorkload(bench, Integer.parseInt(count.substring(1))).run();
			case "cold-echo" -> new EchoWorkload(bench.cold(), Integer.parseInt(count.substring(1)), workload).run();
			case "fanout" -> new BroadcastWorkload(bench, Integer.parseInt(count), false, window).run();
			case "sse" -> new BroadcastWorkload(bench, Integer.parseInt(count), true, window).run();
			case "storm" -> new StormWorkload(bench, Integer.parseInt(count)).run();
			case "idle" -> new IdleMemoryWorkload(bench, Integer.parseInt(count)).run();
			default -> throw new IllegalArgumentException("Unknown workload: " + workload);
		};
	}

	/** Runs echo and fan-out unmeasured, so that the measurements see compiled code. */
	private static void warmUp(Bench bench, int window) throws InterruptedException {
		Bench warmup = new Bench(bench.clients(), bench.server(), bench.serverName(), bench.repetition(),
				Duration.ofSeconds(1), Duration.ofSeconds(2), bench.messageSize());
		new EchoWorkload(warmup, 100).run();
		new BroadcastWorkload(warmup, 1000, false, window).run();
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		List<String> rest = new ArrayList<>(List.of(args));
		for (int i = 0; i + 1 < rest.size(); i += 2) {
			if (!rest.get(i).startsWith("--")) {
				throw new IllegalArgumentException("Expected --option value, got " + rest.get(i));
			}
			options.put(rest.get(i).substring(2), rest.get(i + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name);
		}
		return value;
	}

	/** Ends the driver, whatever it is doing, once the time limit is reached. */
	private static void watchdog(Duration limit) {
		Thread watchdog = new Thread(() -> {
			try {
				Thread.sleep(limit.toMillis());
				System.err.println("Load driver time limit of " + limit + " reached, exiting");
				System.exit(3);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "driver-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

}
