package io.github.h3spring.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes the allocation samples of a JFR recording
 * ({@code jdk.ObjectAllocationSample}, whose weights estimate all bytes allocated) in a
 * measurement window as markdown: bytes allocated per operation, and the classes
 * allocated by the code that asked for them.
 * <p>
 * Arguments: {@code <recording.jfr> <from> <to> <operations> <title> <out.md>}, the
 * bounds in epoch milliseconds, the operations (messages) done in the window.
 */
public final class AllocationSummary {

	private static final int TOP = 12;

	/** Frames of these packages are skipped when naming who allocated. */
	private static final List<String> LIBRARY_INTERNALS = List.of("java.", "jdk.", "sun.", "io.netty.");

	private AllocationSummary() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 6) {
			throw new IllegalArgumentException(
					"usage: allocation <recording.jfr> <from> <to> <operations> <title> <out.md>");
		}
		String summary = summarize(Path.of(args[0]), Instant.ofEpochMilli(Long.parseLong(args[1])),
				Instant.ofEpochMilli(Long.parseLong(args[2])), Double.parseDouble(args[3]), args[4]);
		Files.writeString(Path.of(args[5]), summary, StandardCharsets.UTF_8);
	}

	static String summarize(Path recording, Instant from, Instant to, double operations, String title)
			throws IOException {
		Map<String, Long> sites = new HashMap<>();
		long total = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ObjectAllocationSample".equals(event.getEventType().getName())
						|| event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
					continue;
				}
				long weight = event.getLong("weight");
				total += weight;
				RecordedClass allocated = event.getClass("objectClass");
				sites.merge(allocator(event) + " → `" + allocated.getName() + "`", weight, Long::sum);
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(
				String.format(Locale.ROOT, "### %s%n%n%,.0f bytes allocated per message (%,.0f MB in the window)%n%n",
						title, total / Math.max(operations, 1), total / 1e6));
		out.append("| allocated by → class | share |\n|---|---|\n");
		long all = Math.max(total, 1);
		sites.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(TOP)
			.forEach((site) -> out
				.append(String.format(Locale.ROOT, "| %s | %.1f%% |%n", site.getKey(), 100.0 * site.getValue() / all)));
		return out.toString();
	}

	/**
	 * The first frame outside the JDK and Netty (the code that asked for the allocation),
	 * or the top frame when there is none.
	 */
	private static String allocator(RecordedEvent event) {
		if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
			return "(no stack)";
		}
		List<RecordedFrame> frames = event.getStackTrace().getFrames();
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (LIBRARY_INTERNALS.stream().noneMatch(type::startsWith)) {
				return "`" + shortName(type) + "." + frame.getMethod().getName() + "`";
			}
		}
		RecordedFrame top = frames.get(0);
		return "`" + shortName(top.getMethod().getType().getName()) + "." + top.getMethod().getName() + "`";
	}

	/** The class name without its package and without a lambda's generated suffix. */
	private static String shortName(String type) {
		String simple = type.substring(type.lastIndexOf('.') + 1);
		int lambda = simple.indexOf("$$Lambda");
		return (lambda >= 0) ? simple.substring(0, lambda) + "$lambda" : simple;
	}

}
