package io.github.h3spring.benchmarks.driver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.benchmarks.Result;
import io.netty.buffer.ByteBuf;

/**
 * Echo: each connection sends a message, waits for it to come back and sends the next
 * (one in flight per connection). Reports messages per second and the round-trip time.
 */
final class EchoWorkload implements Connection.Listener {

	private final Bench bench;

	private final int connections;

	private final Latency latency = new Latency();

	private final ByteBuf payload;

	private boolean measuring;

	private boolean stopping;

	private long received;

	private long inFlight;

	private long dropped;

	private final String name;

	EchoWorkload(Bench bench, int connections) {
		this(bench, connections, "echo-c" + connections);
	}

	/** An echo whose results carry another name, such as {@code cold-echo-c100}. */
	EchoWorkload(Bench bench, int connections, String name) {
		this.bench = bench;
		this.connections = connections;
		this.name = name;
		this.payload = bench.message(0);
	}

	Result run() throws InterruptedException {
		Clients clients = this.bench.clients();
		Clients.Opened opened = clients.openMany(this.connections, 64, Duration.ofSeconds(60),
				(listener) -> clients.webSocket("/echo", listener), this);
		clients.call(() -> {
			opened.connections().forEach(this::sendNext);
			return null;
		});
		TimeUnit.NANOSECONDS.sleep(this.bench.warmup().toNanos());
		Bench.Window window = clients.call(() -> {
			this.measuring = true;
			return this.bench.startWindow();
		});
		TimeUnit.NANOSECONDS.sleep(this.bench.duration().toNanos());
		Bench.Elapsed elapsed = clients.call(() -> {
			this.measuring = false;
			this.stopping = true;
			return this.bench.end(window);
		});
		long messages = clients.call(() -> this.received);
		this.bench.await(() -> this.inFlight == 0, Duration.ofSeconds(10));
		long lost = clients.call(() -> this.inFlight + this.dropped);
		this.bench.closeAll(opened.connections());
		return Result
			.throughput(this.bench.serverName(), this.name, this.bench.repetition(), elapsed.perSecond(messages),
					elapsed.perCpuSecond(messages), opened.failed() + lost)
			.withLatency(this.latency.percentileMicros(50), this.latency.percentileMicros(99));
	}

	private void sendNext(Connection connection) {
		connection.mark = System.nanoTime();
		this.inFlight++;
		connection.send(this.payload.retainedDuplicate());
	}

	@Override
	public void onMessage(Connection connection, ByteBuf payload) {
		long now = System.nanoTime();
		this.inFlight--;
		if (this.measuring) {
			this.latency.record(now - connection.mark);
			this.received++;
		}
		if (!this.stopping) {
			sendNext(connection);
		}
	}

	@Override
	public void onClosed(Connection connection, boolean opened) {
		if (opened && !this.stopping) {
			this.dropped++;
		}
	}

}
