package io.github.h3spring.benchmarks.raw;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * {@code /echo} on raw Netty: every text frame goes back as it came, written and flushed
 * at once; the WebSocket encoder writes it unmasked, the payload not copied into a
 * string.
 */
@ChannelHandler.Sharable
final class NettyEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {

	static final NettyEcho INSTANCE = new NettyEcho();

	private NettyEcho() {
		// the frame read is the frame written: the write releases it
		super(false);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
		ctx.writeAndFlush(frame, ctx.voidPromise());
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
