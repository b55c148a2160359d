package io.github.h3spring.benchmarks.driver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One client connection of the driver (a WebSocket or an event stream). Every callback
 * and every method runs on the driver's single event loop.
 */
abstract class Connection {

	/** What a workload hears from its connections. */
	interface Listener {

		/** The handshake completed (101 for WebSocket, 200 for an event stream). */
		default void onOpen(Connection connection) {
		}

		/**
		 * A text message, or the {@code data} of an event. The buffer is only valid
		 * during the call.
		 */
		default void onMessage(Connection connection, ByteBuf payload) {
		}

		/**
		 * The connection closed or could not be opened.
		 * @param opened whether it had opened
		 */
		default void onClosed(Connection connection, boolean opened) {
		}

	}

	private final Listener listener;

	private @Nullable Channel channel;

	private boolean open;

	private boolean closed;

	/** Free slot for the workload (the send time of an echo, for example). */
	long mark;

	Connection(Listener listener) {
		this.listener = listener;
	}

	final void attach(Channel channel) {
		this.channel = channel;
	}

	final Channel channel() {
		if (this.channel == null) {
			throw new IllegalStateException("Not connected");
		}
		return this.channel;
	}

	final boolean isOpen() {
		return this.open && !this.closed;
	}

	final void opened() {
		this.open = true;
		this.listener.onOpen(this);
	}

	final void message(ByteBuf payload) {
		this.listener.onMessage(this, payload);
	}

	final void closed() {
		if (!this.closed) {
			this.closed = true;
			this.listener.onClosed(this, this.open);
		}
	}

	/** Sends a text message; the connection takes ownership of the buffer. */
	abstract void send(ByteBuf text);

	/** Closes politely: a close frame for WebSocket, the socket for an event stream. */
	abstract void close();

	/** Closes the socket at once. */
	final void abort() {
		if (this.channel != null) {
			this.channel.close();
		}
	}

}
