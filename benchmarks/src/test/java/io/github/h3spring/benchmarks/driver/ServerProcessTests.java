package io.github.h3spring.benchmarks.driver;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerProcess}'s reading of a JVM's native memory through
 * {@code jcmd}, and for leaving other servers alone.
 */
class ServerProcessTests {

	@Test
	void nativeMemoryIsReadFromAJvmThatTracksIt() throws Exception {
		Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:NativeMemoryTracking=summary", "-cp", System.getProperty("java.class.path"),
				WaitsForStandardInput.class.getName())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			ServerProcess server = new ServerProcess(jvm.pid(), 100, "127.0.0.1", 1);
			long committed = -1;
			// jcmd attaches only once the JVM has started its attach listener
			for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); committed < 0
					&& System.nanoTime() < deadline;) {
				committed = server.nativeCommittedBytes();
			}
			// metaspace, code cache, thread stacks and GC structures: megabytes
			assertThat(committed).isGreaterThan(1024 * 1024);
		}
		finally {
			jvm.destroy();
			jvm.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aJvmWithoutNativeMemoryTrackingHasNoFigure() {
		ServerProcess self = new ServerProcess(ProcessHandle.current().pid(), 100, "127.0.0.1", 1);
		assertThat(self.nativeCommittedBytes()).isEqualTo(-1);
	}

	@Test
	void aServerThatIsNotAJvmIsNotAskedAndKeepsRunning() throws Exception {
		// jcmd's attach signal (SIGQUIT) ends a process that is not a JVM, as it ended
		// crossws's Node server
		Process node = new ProcessBuilder("sleep", "60").start();
		try {
			ServerProcess server = new ServerProcess(node.pid(), 100, "127.0.0.1", 1);
			assertThat(server.nativeCommittedBytes()).isEqualTo(-1);
			assertThat(node.waitFor(1, TimeUnit.SECONDS)).as("the process was ended").isFalse();
		}
		finally {
			node.destroy();
			node.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** A JVM that idles until its standard input closes. */
	static final class WaitsForStandardInput {

		public static void main(String[] args) throws Exception {
			while (System.in.read() >= 0) {
				// nothing to do
			}
		}

	}

}
