package io.github.h3spring.benchmarks.driver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.benchmarks.Result;
import io.netty.buffer.ByteBuf;

/**
 * Broadcast: many subscribers (WebSockets on {@code /fanout} or event streams on
 * {@code /sse}) and one publisher ({@code /fanout?publisher}). The publisher keeps a
 * window of publishes in flight: it sends the next one when every subscriber has received
 * the oldest. Reports deliveries per second and the publish-to-receive latency.
 */
final class BroadcastWorkload implements Connection.Listener {

	private static final int RING = 1024;

	private final Bench bench;

	private final int subscribers;

	private final boolean eventStreams;

	private final int window;

	private final Latency latency = new Latency();

	private final long[] publishedAt = new long[RING];

	private final int[] receivedBy = new int[RING];

	private Connection publisher;

	private int ready;

	private int live;

	private long nextSequence = 1;

	private long completed;

	private boolean publishing;

	private boolean measuring;

	private long deliveries;

	private long lastDelivery;

	private long dropped;

	BroadcastWorkload(Bench bench, int subscribers, boolean eventStreams, int window) {
		this.bench = bench;
		this.subscribers = subscribers;
		this.eventStreams = eventStreams;
		this.window = Math.min(window, RING / 2);
	}

	String name() {
		return (this.eventStreams ? "sse-" : "fanout-") + this.subscribers;
	}

	Result run() throws InterruptedException {
		Clients clients = this.bench.clients();
		Clients.Opened opened = clients.openMany(this.subscribers, 256, Duration.ofSeconds(120),
				(listener) -> this.eventStreams ? clients.eventStream("/sse", listener)
						: clients.webSocket("/fanout", listener),
				this);
		Clients.Opened publishers = clients.openMany(1, 1, Duration.ofSeconds(30),
				(listener) -> clients.webSocket("/fanout?publisher", listener), new Connection.Listener() {
				});
		if (publishers.connections().isEmpty()) {
			throw new IllegalStateException("The publisher could not connect");
		}
		long failed = opened.failed();
		this.publisher = publishers.connections().get(0);
		this.live = opened.connections().size();
		// subscriptions may start a little after the handshake: probe until every
		// subscriber hears
		ScheduledFuture<?> probe = clients.loop().scheduleAtFixedRate(() -> {
			if (this.ready < this.live) {
				this.publisher.send(this.bench.message(0));
			}
		}, 0, 20, TimeUnit.MILLISECONDS);
		boolean allReady = this.bench.await(() -> this.ready >= this.live, Duration.ofSeconds(60));
		probe.cancel(false);
		if (!allReady) {
			failed += clients.call(() -> this.live - this.ready);
		}
		clients.call(() -> {
			this.live = this.ready;
			this.publishing = true;
			this.lastDelivery = System.nanoTime();
			publishWindow();
			return null;
		});
		TimeUnit.NANOSECONDS.sleep(this.bench.warmup().toNanos());
		Bench.Window measurement = clients.call(() -> {
			this.measuring = true;
			return this.bench.startWindow();
		});
		long deadline = System.nanoTime() + this.bench.duration().toNanos();
		// ends early when deliveries stall, so a lost message cannot hang the run
		this.bench.await(() -> System.nanoTime() - this.lastDelivery > TimeUnit.SECONDS.toNanos(5),
				Duration.ofNanos(deadline - System.nanoTime()));
		Bench.Elapsed elapsed = clients.call(() -> {
			this.measuring = false;
			this.publishing = false;
			return this.bench.end(measurement);
		});
		long delivered = clients.call(() -> this.deliveries);
		boolean drained = this.bench.await(() -> this.completed == this.nextSequence - 1, Duration.ofSeconds(10));
		long lost = drained ? 0 : clients.call(() -> (this.nextSequence - 1 - this.completed));
		this.bench.closeAll(List.of(this.publisher));
		this.bench.closeAll(opened.connections());
		long errors = failed + lost + clients.call(() -> this.dropped);
		return Result
			.throughput(this.bench.serverName(), name(), this.bench.repetition(), elapsed.perSecond(delivered),
					elapsed.perCpuSecond(delivered), errors)
			.withLatency(this.latency.percentileMicros(50), this.latency.percentileMicros(99));
	}

	@Override
	public void onMessage(Connection connection, ByteBuf payload) {
		long sequence = Bench.sequence(payload);
		if (sequence == 0) {
			if (connection.mark == 0) {
				connection.mark = 1;
				this.ready++;
			}
			return;
		}
		if (sequence < 0 || connection.mark == 0) {
			return;
		}
		long now = System.nanoTime();
		int slot = (int) (sequence % RING);
		this.lastDelivery = now;
		if (this.measuring) {
			this.latency.record(now - this.publishedAt[slot]);
			this.deliveries++;
		}
		if (++this.receivedBy[slot] >= this.live) {
			while (this.completed + 1 < this.nextSequence
					&& this.receivedBy[(int) ((this.completed + 1) % RING)] >= this.live) {
				this.completed++;
			}
			publishWindow();
		}
	}

	private void publishWindow() {
		while (this.publishing && this.nextSequence - this.completed - 1 < this.window) {
			long sequence = this.nextSequence++;
			int slot = (int) (sequence % RING);
			this.receivedBy[slot] = 0;
			this.publishedAt[slot] = System.nanoTime();
			this.publisher.send(this.bench.message(sequence));
		}
	}

	@Override
	public void onClosed(Connection connection, boolean opened) {
		if (opened && this.publishing) {
			this.dropped++;
		}
	}

}
