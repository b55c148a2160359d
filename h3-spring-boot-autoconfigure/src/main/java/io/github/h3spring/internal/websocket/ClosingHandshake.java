package io.github.h3spring.internal.websocket;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/**
 * The WebSocket closing handshake of RFC 6455 (section 7.1.1): once the server has sent
 * its Close frame, the TCP connection is closed only after the client's Close frame
 * arrived, or after a timeout for a client that never answers.
 * <p>
 * Reactor Netty, and Netty's frame decoder on a protocol error, close the connection as
 * soon as their Close frame is written. The client's answer then often arrives before
 * that close and sits unread in the socket, so the kernel ends the connection with a
 * reset instead of a FIN: a client still inflating a compressed message (undici,
 * browsers) loses it and reports an abnormal closure (1006, {@code wasClean == false})
 * although a Close frame was sent. Here the write promise of the server's Close frame,
 * which their close listener waits for, completes only when the handshake is over, and
 * the connection keeps reading until then.
 */
final class ClosingHandshake {

	/** How long a client gets to answer the server's Close frame. */
	static final long TIMEOUT_MILLIS = 1000;

	private static final String WRITES_NAME = "h3.closingHandshake.writes";

	private static final String READS_NAME = "h3.closingHandshake.reads";

	private final Channel channel;

	private boolean closeReceived;

	private @Nullable ChannelPromise held;

	private @Nullable ScheduledFuture<?> timeout;

	private ClosingHandshake(Channel channel) {
		this.channel = channel;
	}

	/**
	 * Installs the handshake on an upgraded connection: writes are watched next to the
	 * frame encoder, so the decoder's own Close frames pass too, and reads where frames
	 * are whole.
	 */
	static void install(Connection connection) {
		Channel channel = connection.channel();
		ClosingHandshake handshake = new ClosingHandshake(channel);
		ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
		if (encoder == null) {
			return;
		}
		channel.pipeline().addAfter(encoder.name(), WRITES_NAME, handshake.new Writes());
		connection.addHandlerLast(READS_NAME, handshake.new Reads());
	}

	private void hold(ChannelHandlerContext ctx, ChannelPromise promise) {
		this.held = promise;
		this.timeout = ctx.executor().schedule(this::finish, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		// the client's Close must be read, and nothing may stay unread when the socket
		// closes
		this.channel.config().setAutoRead(true);
		this.channel.read();
	}

	private void finish() {
		ChannelPromise promise = this.held;
		ScheduledFuture<?> scheduled = this.timeout;
		if (promise != null) {
			this.held = null;
			promise.trySuccess();
		}
		if (scheduled != null) {
			this.timeout = null;
			scheduled.cancel(false);
		}
	}

	/** Holds the promise of the server's Close frame until the handshake is over. */
	private final class Writes extends ChannelDuplexHandler {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (!(msg instanceof CloseWebSocketFrame) || ClosingHandshake.this.closeReceived
					|| ClosingHandshake.this.held != null) {
				// not a Close, the answer to the client's Close, or a second Close:
				// nothing to wait for
				ctx.write(msg, promise);
				return;
			}
			ChannelPromise written = ctx.newPromise();
			written.addListener((future) -> {
				if (!future.isSuccess()) {
					promise.tryFailure(future.cause());
					finish();
				}
			});
			ctx.write(msg, written);
			hold(ctx, promise);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			finish();
			ctx.fireChannelInactive();
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			finish();
		}

	}

	/**
	 * Sees the client's Close frame, which ends the handshake once it has been handled.
	 */
	private final class Reads extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			boolean close = msg instanceof CloseWebSocketFrame;
			if (close) {
				ClosingHandshake.this.closeReceived = true;
			}
			ctx.fireChannelRead(msg);
			if (close) {
				finish();
			}
		}

	}

}
