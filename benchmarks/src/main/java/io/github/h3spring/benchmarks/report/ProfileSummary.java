package io.github.h3spring.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the CPU samples of a JFR recording as markdown: the hottest methods by their
 * own samples, the share of each component (package family) in the samples, and the
 * methods of the starter and of WebFlux by the samples they contain.
 * <p>
 * Arguments: {@code <recording.jfr> <title> <out.md> [<from> <to>]}, the optional bounds
 * in epoch milliseconds keeping only the samples of a measurement window.
 */
public final class ProfileSummary {

	private static final int TOP = 15;

	private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

	static {
		COMPONENTS.put("io.github.h3spring.", "starter (io.github.h3spring)");
		COMPONENTS.put("reactor.netty.", "Reactor Netty");
		COMPONENTS.put("reactor.", "Reactor Core");
		COMPONENTS.put("io.netty.", "Netty");
		COMPONENTS.put("org.springframework.", "Spring");
		COMPONENTS.put("java.", "JDK");
		COMPONENTS.put("jdk.", "JDK");
		COMPONENTS.put("sun.", "JDK");
	}

	private ProfileSummary() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 3 && args.length != 5) {
			throw new IllegalArgumentException("usage: profile <recording.jfr> <title> <out.md> [<from> <to>]");
		}
		Instant from = (args.length == 5) ? Instant.ofEpochMilli(Long.parseLong(args[3])) : Instant.MIN;
		Instant to = (args.length == 5) ? Instant.ofEpochMilli(Long.parseLong(args[4])) : Instant.MAX;
		Files.writeString(Path.of(args[2]), summarize(Path.of(args[0]), args[1], from, to), StandardCharsets.UTF_8);
	}

	static String summarize(Path recording, String title, Instant from, Instant to) throws IOException {
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> components = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
						|| event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
					continue;
				}
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				if (frames.isEmpty()) {
					continue;
				}
				samples++;
				String top = name(frames.get(0).getMethod());
				self.merge(top, 1, Integer::sum);
				components.merge(component(top), 1, Integer::sum);
				Set<String> seen = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String method = name(frame.getMethod());
					if ((method.startsWith("io.github.h3spring.") || method.startsWith("org.springframework."))
							&& seen.add(method)) {
						inclusive.merge(method, 1, Integer::sum);
					}
				}
			}
		}
		StringBuilder markdown = new StringBuilder();
		markdown.append("### ").append(title).append("\n\n");
		markdown.append(samples).append(" CPU samples (JFR `jdk.ExecutionSample`).\n\n");
		table(markdown, "Component (own samples)", components, samples, Integer.MAX_VALUE);
		table(markdown, "Hottest methods (own samples)", self, samples, TOP);
		table(markdown, "Starter and Spring methods (samples including callees)", inclusive, samples, TOP);
		return markdown.toString();
	}

	private static void table(StringBuilder markdown, String heading, Map<String, Integer> counts, int total,
			int limit) {
		markdown.append("| ").append(heading).append(" | share |\n|---|---|\n");
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> markdown.append("| `")
				.append(entry.getKey())
				.append("` | ")
				.append(String.format(Locale.ROOT, "%.1f%%", 100.0 * entry.getValue() / Math.max(total, 1)))
				.append(" |\n"));
		markdown.append('\n');
	}

	private static String name(RecordedMethod method) {
		return method.getType().getName() + "." + method.getName();
	}

	private static String component(String method) {
		for (Map.Entry<String, String> entry : COMPONENTS.entrySet()) {
			if (method.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return "other";
	}

}
