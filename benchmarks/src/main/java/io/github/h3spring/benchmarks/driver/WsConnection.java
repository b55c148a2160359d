package io.github.h3spring.benchmarks.driver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * A WebSocket client connection; Netty's protocol handler in front of it does the
 * handshake and answers close frames and pings.
 */
final class WsConnection extends Connection {

	WsConnection(Listener listener) {
		super(listener);
	}

	@Override
	void send(ByteBuf text) {
		channel().writeAndFlush(new TextWebSocketFrame(text), channel().voidPromise());
	}

	@Override
	void close() {
		if (channel().isActive()) {
			channel().writeAndFlush(new CloseWebSocketFrame(1000, ""));
		}
	}

	SimpleChannelInboundHandler<WebSocketFrame> handler() {
		return new SimpleChannelInboundHandler<>() {

			@Override
			public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
				if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
					opened();
				}
				else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
					ctx.close();
				}
				super.userEventTriggered(ctx, event);
			}

			@Override
			protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
				if (frame instanceof TextWebSocketFrame) {
					message(frame.content());
				}
			}

			@Override
			public void channelInactive(ChannelHandlerContext ctx) throws Exception {
				closed();
				super.channelInactive(ctx);
			}

			@Override
			public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
				ctx.close();
			}

		};
	}

}
