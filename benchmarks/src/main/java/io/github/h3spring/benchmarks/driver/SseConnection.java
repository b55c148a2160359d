package io.github.h3spring.benchmarks.driver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An event-stream client connection: sends {@code GET} and hands the {@code data} field
 * of every event to the listener (a status other than 200 closes it). Lines are assembled
 * in one reused buffer per connection.
 */
final class SseConnection extends Connection {

	private static final int MAX_LINE = 4096;

	private final String path;

	private final String host;

	private final ByteBuf line = Unpooled.buffer(128, MAX_LINE);

	SseConnection(Listener listener, String path, String host) {
		super(listener);
		this.path = path;
		this.host = host;
	}

	@Override
	void send(ByteBuf text) {
		text.release();
		throw new UnsupportedOperationException("An event stream only receives");
	}

	@Override
	void close() {
		abort();
	}

	SimpleChannelInboundHandler<HttpObject> handler() {
		return new SimpleChannelInboundHandler<>() {

			@Override
			public void channelActive(ChannelHandlerContext ctx) throws Exception {
				FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
						SseConnection.this.path);
				request.headers().set(HttpHeaderNames.HOST, SseConnection.this.host);
				request.headers().set(HttpHeaderNames.ACCEPT, "text/event-stream");
				ctx.writeAndFlush(request);
				// servers send the response head with the first event, so the stream
				// counts as open once asked for
				opened();
				super.channelActive(ctx);
			}

			@Override
			protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
				if (message instanceof HttpResponse response) {
					if (!response.status().equals(HttpResponseStatus.OK)) {
						ctx.close();
						return;
					}
				}
				if (message instanceof HttpContent content) {
					lines(content.content());
				}
			}

			@Override
			public void channelInactive(ChannelHandlerContext ctx) throws Exception {
				closed();
				SseConnection.this.line.release();
				super.channelInactive(ctx);
			}

			@Override
			public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
				ctx.close();
			}

		};
	}

	private void lines(ByteBuf chunk) {
		ByteBuf line = this.line;
		while (chunk.isReadable()) {
			int end = chunk.indexOf(chunk.readerIndex(), chunk.writerIndex(), (byte) '\n');
			if (end < 0) {
				line.writeBytes(chunk, Math.min(chunk.readableBytes(), line.maxWritableBytes()));
				chunk.skipBytes(chunk.readableBytes());
				return;
			}
			line.writeBytes(chunk, Math.min(end - chunk.readerIndex(), line.maxWritableBytes()));
			chunk.readerIndex(end + 1);
			field(line);
			line.clear();
		}
	}

	private void field(ByteBuf line) {
		if (line.readableBytes() >= 5 && line.getByte(0) == 'd' && line.getByte(1) == 'a' && line.getByte(2) == 't'
				&& line.getByte(3) == 'a' && line.getByte(4) == ':') {
			line.skipBytes(5);
			if (line.isReadable() && line.getByte(line.readerIndex()) == ' ') {
				line.skipBytes(1);
			}
			message(line);
		}
	}

}
