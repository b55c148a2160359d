package io.github.h3spring.internal.websocket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerOutbound} on a real channel and event loop, with the interleavings
 * of other threads made to happen instead of hoped for.
 */
class PeerOutboundTests {

	private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);

	private final List<String> written = new CopyOnWriteArrayList<>();

	private Channel server;

	private Channel channel;

	@BeforeEach
	void connect() {
		LocalAddress address = new LocalAddress("peer-outbound-" + System.nanoTime());
		this.server = new ServerBootstrap().group(this.loops)
			.channel(LocalServerChannel.class)
			.childHandler(new ChannelInboundHandlerAdapter())
			.bind(address)
			.syncUninterruptibly()
			.channel();
		this.channel = new Bootstrap().group(this.loops)
			.channel(LocalChannel.class)
			.handler(new Recorder())
			.connect(address)
			.syncUninterruptibly()
			.channel();
	}

	@AfterEach
	void close() {
		this.channel.close().syncUninterruptibly();
		this.server.close().syncUninterruptibly();
		this.loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void aFrameThatRacesTheCloseFromAnotherThreadIsDroppedNotWrittenAfterTheCloseFrame() throws Exception {
		PeerOutbound outbound = new PeerOutbound(this.channel, 1024 * 1024);
		CountDownLatch sizing = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		// the sending thread has passed the check for a close and is measuring its
		// frame...
		RacingFrame late = new RacingFrame("late", sizing, closed);
		CompletableFuture<Long> send = CompletableFuture.supplyAsync(() -> outbound.send(late));
		assertThat(sizing.await(5, TimeUnit.SECONDS)).isTrue();
		// ...when the close runs to its end on the event loop
		outbound.closeAfterPending(() -> this.channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye")));
		this.channel.eventLoop().submit(() -> null).get(5, TimeUnit.SECONDS);
		closed.countDown();
		send.get(5, TimeUnit.SECONDS);
		this.channel.eventLoop().submit(() -> this.channel.flush()).get(5, TimeUnit.SECONDS);
		assertThat(this.written).containsExactly("close");
		assertThat(late.refCnt()).isZero();
	}

	@Test
	void framesFromAnotherThreadAreWrittenInOrderBeforeTheCloseFrame() throws Exception {
		PeerOutbound outbound = new PeerOutbound(this.channel, 1024 * 1024);
		CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 100; i++) {
				outbound.send(text("m" + i));
			}
			outbound.closeAfterPending(() -> this.channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye")));
			outbound.send(text("after close"));
		}).get(5, TimeUnit.SECONDS);
		this.channel.eventLoop().submit(() -> null).get(5, TimeUnit.SECONDS);
		assertThat(this.written).hasSize(101).endsWith("close").startsWith("m0", "m1");
		assertThat(this.written.subList(0, 100)).isSortedAccordingTo(
				(a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))));
	}

	private static TextWebSocketFrame text(String text) {
		return new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
	}

	/** Records what reaches the socket, in order, and releases it. */
	private final class Recorder extends ChannelOutboundHandlerAdapter {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			PeerOutboundTests.this.written.add((msg instanceof CloseWebSocketFrame) ? "close"
					: ((WebSocketFrame) msg).content().toString(StandardCharsets.UTF_8));
			ReferenceCountUtil.release(msg);
			promise.trySuccess();
		}

	}

	/**
	 * A frame whose first measurement, on the sending thread, waits for the close to have
	 * run.
	 */
	private static final class RacingFrame extends TextWebSocketFrame {

		private final AtomicBoolean measured = new AtomicBoolean();

		private final CountDownLatch sizing;

		private final CountDownLatch closed;

		RacingFrame(String text, CountDownLatch sizing, CountDownLatch closed) {
			super(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
			this.sizing = sizing;
			this.closed = closed;
		}

		@Override
		public ByteBuf content() {
			if (this.measured.compareAndSet(false, true)) {
				this.sizing.countDown();
				try {
					this.closed.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return super.content();
		}

	}

}
