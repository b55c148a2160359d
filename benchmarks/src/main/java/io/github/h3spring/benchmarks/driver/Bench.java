package io.github.h3spring.benchmarks.driver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What every workload shares: the clients, the server under test and the run's settings,
 * plus the helpers to time a measurement and to wait without spinning.
 *
 * @param clients the driver's connections
 * @param server the server process under test
 * @param serverName the name the results carry
 * @param repetition the repetition number the results carry
 * @param warmup time run before each measurement
 * @param duration length of each measurement
 * @param messageSize bytes in each message
 */
record Bench(Clients clients, ServerProcess server, String serverName, int repetition, Duration warmup,
		Duration duration, int messageSize) {

	static final int SEQUENCE_DIGITS = 10;

	/** How long a cold start is measured: from the first message on, without warm-up. */
	static final Duration COLD_START = Duration.ofSeconds(2);

	/**
	 * The same bench, measuring at once and for {@link #COLD_START} (or the run's shorter
	 * duration, for the driver's own tests).
	 */
	Bench cold() {
		Duration measured = (this.duration.compareTo(COLD_START) < 0) ? this.duration : COLD_START;
		return new Bench(this.clients, this.server, this.serverName, this.repetition, Duration.ZERO, measured,
				this.messageSize);
	}

	/**
	 * A text message of {@code messageSize} bytes starting with the zero-padded sequence
	 * number.
	 */
	ByteBuf message(long sequence) {
		byte[] bytes = new byte[Math.max(this.messageSize, SEQUENCE_DIGITS)];
		Arrays.fill(bytes, (byte) 'x');
		byte[] digits = String.format("%0" + SEQUENCE_DIGITS + "d", sequence).getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(digits, 0, bytes, 0, SEQUENCE_DIGITS);
		return Unpooled.wrappedBuffer(bytes);
	}

	/** The sequence number a message starts with, or -1. */
	static long sequence(ByteBuf payload) {
		if (payload.readableBytes() < SEQUENCE_DIGITS) {
			return -1;
		}
		long value = 0;
		int start = payload.readerIndex();
		for (int i = start; i < start + SEQUENCE_DIGITS; i++) {
			int digit = payload.getByte(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/** Waits until the condition, checked on the event loop, holds or the time is up. */
	boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.clients.call(condition::getAsBoolean)) {
				return true;
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		return false;
	}

	/** Closes the connections politely, then aborts what is still open after a while. */
	void closeAll(List<Connection> connections) throws InterruptedException {
		this.clients.call(() -> {
			connections.forEach(Connection::close);
			return null;
		});
		if (!await(() -> connections.stream().noneMatch(Connection::isOpen), Duration.ofSeconds(20))) {
			this.clients.call(() -> {
				connections.forEach(Connection::abort);
				return null;
			});
		}
	}

	/** Starts a measurement window: wall time and server CPU time now. */
	Window startWindow() {
		return new Window(System.nanoTime(), System.currentTimeMillis(), this.server.cpuSeconds());
	}

	/**
	 * The start of a measurement.
	 *
	 * @param startNanos wall clock at the start
	 * @param startEpochMillis the time of day at the start
	 * @param startCpuSeconds server CPU time at the start
	 */
	record Window(long startNanos, long startEpochMillis, double startCpuSeconds) {

	}

	/**
	 * Wall and CPU seconds since a window started.
	 *
	 * @param wallSeconds elapsed time
	 * @param cpuSeconds server CPU time spent
	 */
	record Elapsed(double wallSeconds, double cpuSeconds) {

		double perSecond(long operations) {
			return operations / this.wallSeconds;
		}

		double perCpuSecond(long operations) {
			return operations / Math.max(this.cpuSeconds, 0.01);
		}

	}

	/**
	 * Ends a measurement window. The window's time of day goes to standard error
	 * ({@code window <from> <to>} in epoch milliseconds), so a profile can be cut to it.
	 */
	Elapsed end(Window window) {
		System.err.println("window " + window.startEpochMillis() + " " + System.currentTimeMillis());
		return new Elapsed((System.nanoTime() - window.startNanos()) / 1e9,
				this.server.cpuSeconds() - window.startCpuSeconds());
	}

}
