package io.github.h3spring.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.util.ResourceLeakDetector;

/**
 * A Netty {@link ResourceLeakDetector} that remembers every leak it reports, so that
 * {@link NettyLeakGuard} can fail the test that leaked; a known leak of a library (below)
 * is logged by Netty as usual but not remembered. Netty installs it when the JVM runs
 * with
 * {@code -Dio.netty.customResourceLeakDetector=io.github.h3spring.test.RecordingLeakDetector}
 * (use it with {@code -Dio.netty.leakDetection.level=paranoid}).
 *
 * @param <T> the tracked resource type
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

	private static final List<String> leaks = new CopyOnWriteArrayList<>();

	/**
	 * Leaks of libraries that are reported but not recorded: r2dbc-postgresql does not
	 * release the {@code Terminate} message it writes when a connection closes if that
	 * write fails, as it does when the server has just dropped the connection (a few
	 * bytes per dropped connection; pgjdbc/r2dbc-postgresql pull request 704).
	 */
	private static final List<String> KNOWN_LIBRARY_LEAKS = List
		.of("io.r2dbc.postgresql.message.frontend.Terminate.encode(");

	/**
	 * The constructor Netty calls for a custom detector.
	 * @param resourceType the tracked resource type
	 * @param samplingInterval the sampling interval
	 */
	public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
		super(resourceType, samplingInterval);
	}

	/**
	 * The constructor older Netty versions look up first; {@code maxActive} is ignored by
	 * Netty's own detector too.
	 * @param resourceType the tracked resource type
	 * @param samplingInterval the sampling interval
	 * @param maxActive ignored
	 */
	public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
		this(resourceType, samplingInterval);
	}

	@Override
	protected void reportTracedLeak(String resourceType, String records) {
		if (KNOWN_LIBRARY_LEAKS.stream().noneMatch(records::contains)) {
			leaks.add("LEAK: " + resourceType + records);
		}
		super.reportTracedLeak(resourceType, records);
	}

	@Override
	protected void reportUntracedLeak(String resourceType) {
		leaks.add("LEAK: " + resourceType + " (no access records)");
		super.reportUntracedLeak(resourceType);
	}

	/**
	 * Returns and forgets the leaks reported so far.
	 * @return the leak reports
	 */
	static List<String> drainLeaks() {
		List<String> reported = List.copyOf(leaks);
		leaks.removeAll(reported);
		return reported;
	}

}
