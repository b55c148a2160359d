package io.github.h3spring.benchmarks.driver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.h3spring.benchmarks.Result;

/**
 * Connection storm: connections to {@code /echo} opened {@code concurrency} at a time,
 * each closed (close handshake) as soon as it opens. Reports completed connections per
 * second and the time from connecting to the end of the handshake.
 */
final class StormWorkload implements Connection.Listener {

	private static final int CONCURRENCY = 32;

	private final Bench bench;

	private final int total;

	private Latency handshakes = new Latency();

	private int started;

	private int completed;

	private int failed;

	private long deadline;

	private CompletableFuture<Void> done = new CompletableFuture<>();

	StormWorkload(Bench bench, int total) {
		this.bench = bench;
		this.total = total;
	}

	Result run() throws InterruptedException {
		storm(Math.max(this.total / 10, 50), this.bench.warmup());
		Bench.Window window = this.bench.startWindow();
		storm(this.total, this.bench.duration().multipliedBy(4));
		Bench.Elapsed elapsed = this.bench.end(window);
		int connections = this.bench.clients().call(() -> this.completed);
		int errors = this.bench.clients().call(() -> this.failed);
		return Result
			.throughput(this.bench.serverName(), "storm", this.bench.repetition(), elapsed.perSecond(connections),
					elapsed.perCpuSecond(connections), errors)
			.withLatency(this.handshakes.percentileMicros(50), this.handshakes.percentileMicros(99));
	}

	/** Runs {@code count} connections, or as many as fit in the time limit. */
	private void storm(int count, Duration limit) throws InterruptedException {
		CompletableFuture<Void> finished = this.bench.clients().call(() -> {
			this.started = 0;
			this.completed = 0;
			this.failed = 0;
			this.handshakes = new Latency();
			this.deadline = System.nanoTime() + limit.toNanos();
			this.done = new CompletableFuture<>();
			for (int i = 0; i < CONCURRENCY; i++) {
				next(count);
			}
			return this.done;
		});
		try {
			finished.get(limit.toMillis() + 30_000, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The connection storm did not finish", ex);
		}
	}

	private void next(int count) {
		if (this.started < count && System.nanoTime() < this.deadline) {
			this.started++;
			long start = System.nanoTime();
			this.bench.clients().webSocket("/echo", new Connection.Listener() {

				@Override
				public void onOpen(Connection connection) {
					StormWorkload.this.handshakes.record(System.nanoTime() - start);
					connection.close();
				}

				@Override
				public void onClosed(Connection connection, boolean opened) {
					if (opened) {
						StormWorkload.this.completed++;
					}
					else {
						StormWorkload.this.failed++;
					}
					next(count);
				}

			});
		}
		else if (this.completed + this.failed == this.started) {
			this.done.complete(null);
		}
	}

}
