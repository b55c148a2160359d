package io.github.h3spring.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.h3spring.benchmarks.Result;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the results of a run and prints the ratio table; with {@code --out}, writes the
 * performance document: the table, the machine, the command, the notes and the profiles.
 * <p>
 * Options: {@code --results} (JSON lines), {@code --out}, {@code --machine} (a text
 * file), {@code --command}, {@code --notes} (markdown placed after the table),
 * {@code --profiles} (markdown files placed at the end).
 */
public final class Report {

	private Report() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, List<String>> options = options(args);
		List<Result> results = read(Path.of(single(options, "results")));
		RatioTable table = new RatioTable(results);
		System.out.println(table.text());
		if (options.containsKey("out")) {
			Path out = Path.of(single(options, "out"));
			Files.writeString(out, document(table, options), StandardCharsets.UTF_8);
			System.out.println("Wrote " + out);
		}
	}

	private static String document(RatioTable table, Map<String, List<String>> options) throws IOException {
		StringBuilder doc = new StringBuilder();
		doc.append("# Performance\n\n");
		doc.append("The starter measured against hand-written Spring WebFlux (the floor of its overhead on WebFlux), ")
			.append("plain Netty where the run has `raw-netty` (the JVM's limit for this work) and ")
			.append("crossws + h3 on Node.js (what users compare it with), on the same machine in the same run. ")
			.append("Every figure is the median of ")
			.append(table.repetitions())
			.append(" repetitions; ± is half the spread between the lowest and highest. ")
			.append("Each ratio is taken within a repetition (the servers of one repetition run back to back) ")
			.append("and its median and range are shown, so a machine shared with other work still gives a fair ")
			.append("comparison. Throughput is shown per second of wall time and per second of server CPU time.");
		if (table.drivers().size() > 1) {
			doc.append(" Each server was measured by two load drivers, each against a fresh server: the Java one on ")
				.append("Netty (`netty`) and one on Node.js `ws` (`node`); every figure and ratio is shown per driver, ")
				.append("and a target is met (✓) only when it holds with every driver (✗ names the one that missed it).");
		}
		doc.append("\n\n");
		doc.append("## Results\n\n").append(table.markdown()).append('\n');
		if (options.containsKey("command")) {
			doc.append("## How to reproduce\n\n```bash\n").append(single(options, "command")).append("\n```\n\n");
		}
		if (options.containsKey("machine")) {
			doc.append("## Machine\n\n```\n")
				.append(Files.readString(Path.of(single(options, "machine"))).strip())
				.append("\n```\n\n");
		}
		for (String notes : options.getOrDefault("notes", List.of())) {
			doc.append(Files.readString(Path.of(notes)).strip()).append("\n\n");
		}
		for (String profile : options.getOrDefault("profiles", List.of())) {
			Path path = Path.of(profile);
			if (Files.exists(path)) {
				doc.append(Files.readString(path).strip()).append("\n\n");
			}
		}
		return doc.toString().strip() + "\n";
	}

	static List<Result> read(Path file) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		List<Result> results = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			if (!line.isBlank()) {
				results.add(json.readValue(line, Result.class));
			}
		}
		return results;
	}

	private static Map<String, List<String>> options(String[] args) {
		Map<String, List<String>> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.computeIfAbsent(args[i].replaceFirst("^--", ""), (key) -> new ArrayList<>()).add(args[i + 1]);
		}
		return options;
	}

	private static String single(Map<String, List<String>> options, String name) {
		List<String> values = options.get(name);
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("Missing --" + name);
		}
		return values.get(values.size() - 1);
	}

	static Set<String> workloads(List<Result> results) {
		Set<String> workloads = new LinkedHashSet<>();
		results.forEach((result) -> workloads.add(result.workload()));
		return workloads;
	}

}
