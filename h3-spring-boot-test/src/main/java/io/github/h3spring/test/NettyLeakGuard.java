package io.github.h3spring.test;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that fails a test class when Netty reported a buffer leak while it
 * ran. Requires the JVM options {@code -Dio.netty.leakDetection.level=paranoid} and
 * {@code -Dio.netty.customResourceLeakDetector=io.github.h3spring.test.RecordingLeakDetector}.
 * <pre class="code">
 * &#64;ExtendWith(NettyLeakGuard.class)
 * class ChatTests { ... }
 * </pre>
 */
public class NettyLeakGuard implements AfterAllCallback {

	private static final int DETECTION_ROUNDS = 5;

	private static final long GC_TIMEOUT_MILLIS = 1000;

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		List<String> leaks = collectLeaks();
		if (!leaks.isEmpty()) {
			throw new AssertionError("Netty reported " + leaks.size() + " buffer leak(s) while "
					+ context.getDisplayName() + " ran:\n" + String.join("\n", leaks));
		}
	}

	/**
	 * Collects the leaks of buffers that are no longer reachable: Netty notices a leak
	 * only after the garbage collector has cleared the buffer and another buffer is
	 * allocated.
	 */
	static List<String> collectLeaks() throws InterruptedException {
		for (int round = 0; round < DETECTION_ROUNDS; round++) {
			awaitGarbageCollection();
			allocateAndRelease();
		}
		return RecordingLeakDetector.drainLeaks();
	}

	/**
	 * Collects garbage and waits until the collector has enqueued the cleared references
	 * (a sentinel's among them), which is when Netty can see the leaked buffers of that
	 * cycle.
	 */
	private static void awaitGarbageCollection() throws InterruptedException {
		ReferenceQueue<Object> queue = new ReferenceQueue<>();
		WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
		System.gc();
		if (queue.remove(GC_TIMEOUT_MILLIS) == null) {
			sentinel.clear();
		}
	}

	private static void allocateAndRelease() {
		for (int i = 0; i < 16; i++) {
			ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(8);
			pooled.release();
			ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(8);
			unpooled.release();
		}
	}

}
