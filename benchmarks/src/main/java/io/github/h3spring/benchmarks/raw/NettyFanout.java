package io.github.h3spring.benchmarks.raw;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * {@code /fanout} on raw Netty: a subscriber joins the broadcast once its handshake is
 * complete ({@code /fanout?publisher} does not); every text frame a peer sends is
 * published to the broadcast, as the starter's and crossws's {@code publish} do.
 */
@ChannelHandler.Sharable
final class NettyFanout extends SimpleChannelInboundHandler<TextWebSocketFrame> {

	private final NettyBroadcast broadcast;

	private final boolean subscribes;

	NettyFanout(NettyBroadcast broadcast, boolean subscribes) {
		this.broadcast = broadcast;
		this.subscribes = subscribes;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete && this.subscribes) {
			this.broadcast.subscribe(ctx.channel());
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
		this.broadcast.publish(ctx.alloc(), frame.content());
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
