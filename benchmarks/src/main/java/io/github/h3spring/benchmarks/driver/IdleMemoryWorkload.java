package io.github.h3spring.benchmarks.driver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.benchmarks.Result;

/**
 * Idle memory: the server's resident memory, live heap and (for a JVM started with Native
 * Memory Tracking) native memory before and after {@code connections} idle WebSockets on
 * {@code /echo}, divided by the connections. Run on a fresh server after a short warm-up,
 * so pools and compiled code exist before the baseline.
 */
final class IdleMemoryWorkload implements Connection.Listener {

	private final Bench bench;

	private final int connections;

	private int dropped;

	private boolean holding;

	IdleMemoryWorkload(Bench bench, int connections) {
		this.bench = bench;
		this.connections = connections;
	}

	Result run() throws InterruptedException {
		new EchoWorkload(new Bench(this.bench.clients(), this.bench.server(), this.bench.serverName(),
				this.bench.repetition(), Duration.ofMillis(500), Duration.ofSeconds(1), this.bench.messageSize()), 100)
			.run();
		TimeUnit.SECONDS.sleep(1);
		long heapBefore = this.bench.server().liveHeapBytes();
		long rssBefore = this.bench.server().rssBytes();
		long nativeBefore = this.bench.server().nativeCommittedBytes();
		Clients clients = this.bench.clients();
		Clients.Opened opened = clients.openMany(this.connections, 256, Duration.ofSeconds(180),
				(listener) -> clients.webSocket("/echo", listener), this);
		clients.call(() -> this.holding = true);
		TimeUnit.SECONDS.sleep(3);
		long heapAfter = this.bench.server().liveHeapBytes();
		long rssAfter = this.bench.server().rssBytes();
		long nativeAfter = this.bench.server().nativeCommittedBytes();
		int count = opened.connections().size();
		int errors = opened.failed() + clients.call(() -> {
			this.holding = false;
			return this.dropped;
		});
		this.bench.closeAll(opened.connections());
		int per = Math.max(count, 1);
		Double nmt = (nativeBefore >= 0 && nativeAfter >= 0)
				? (double) (nativeAfter - nativeBefore + heapAfter - heapBefore) / per : null;
		return Result.memory(this.bench.serverName(), "idle-" + this.connections, this.bench.repetition(),
				(double) (rssAfter - rssBefore) / per, (double) (heapAfter - heapBefore) / per, nmt, errors);
	}

	@Override
	public void onClosed(Connection connection, boolean opened) {
		if (opened && this.holding) {
			this.dropped++;
		}
	}

}
