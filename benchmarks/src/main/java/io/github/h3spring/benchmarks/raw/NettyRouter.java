package io.github.h3spring.benchmarks.raw;

import java.nio.charset.StandardCharsets;

import io.github.h3spring.benchmarks.MemoryReport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The raw Netty server's routes, one request at a time: {@code /echo} and {@code /fanout}
 * become WebSockets (the router hands the request to a
 * {@link WebSocketServerProtocolHandler} for that path and leaves the pipeline),
 * {@code /sse} an event stream of the broadcast, {@code /_bench/memory} the live heap
 * after a full GC; anything else is 404.
 */
@ChannelHandler.Sharable
final class NettyRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

	private static final WebSocketServerProtocolConfig ECHO = WebSocketServerProtocolConfig.newBuilder()
		.websocketPath("/echo")
		.build();

	// the publisher connects with a query: /fanout?publisher
	private static final WebSocketServerProtocolConfig FANOUT = WebSocketServerProtocolConfig.newBuilder()
		.websocketPath("/fanout")
		.checkStartsWith(true)
		.build();

	private final NettyBroadcast broadcast;

	private final NettyFanout subscriber;

	private final NettyFanout publisher;

	NettyRouter(NettyBroadcast broadcast) {
		this.broadcast = broadcast;
		this.subscriber = new NettyFanout(broadcast, true);
		this.publisher = new NettyFanout(broadcast, false);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		switch (uri.path()) {
			case "/echo" -> upgrade(ctx, request, ECHO, NettyEcho.INSTANCE);
			case "/fanout" -> upgrade(ctx, request, FANOUT,
					uri.parameters().containsKey("publisher") ? this.publisher : this.subscriber);
			case "/sse" -> stream(ctx);
			case "/_bench/memory" -> respond(ctx, request, HttpResponseStatus.OK,
					"{\"heapUsed\":" + MemoryReport.afterFullGc().heapUsed() + "}");
			default -> respond(ctx, request, HttpResponseStatus.NOT_FOUND, "");
		}
	}

	/**
	 * Hands the request to a WebSocket protocol handler; it answers 400 to a non-upgrade.
	 */
	private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, WebSocketServerProtocolConfig config,
			ChannelHandler frames) {
		ChannelPipeline pipeline = ctx.pipeline();
		pipeline.addLast(new WebSocketServerProtocolHandler(config), frames);
		ctx.fireChannelRead(request.retain());
		pipeline.remove(this);
	}

	private void stream(ChannelHandlerContext ctx) {
		HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_EVENT_STREAM)
			.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
		HttpUtil.setTransferEncodingChunked(response, true);
		ctx.writeAndFlush(response, ctx.voidPromise());
		this.broadcast.stream(ctx.channel());
	}

	private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
			String json) {
		ByteBuf body = ctx.alloc().buffer(json.length()).writeBytes(json.getBytes(StandardCharsets.UTF_8));
		FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status, body);
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
		HttpUtil.setContentLength(response, body.readableBytes());
		boolean keepAlive = HttpUtil.isKeepAlive(request);
		HttpUtil.setKeepAlive(response, keepAlive);
		if (keepAlive) {
			ctx.writeAndFlush(response, ctx.voidPromise());
		}
		else {
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
