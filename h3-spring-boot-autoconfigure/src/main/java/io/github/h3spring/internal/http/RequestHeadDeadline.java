package io.github.h3spring.internal.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Closes a Reactor Netty connection whose request head (a WebSocket upgrade included) is
 * not complete within the deadline, counted from the accept and from the end of the
 * previous response. Netty's read timeouts restart with every byte, so a client sending
 * one header byte every few seconds would otherwise hold its connection for ever. Once a
 * connection is upgraded to WebSocket, the liveness check takes over.
 */
public final class RequestHeadDeadline extends ChannelDuplexHandler {

	private static final Log logger = LogFactory.getLog(RequestHeadDeadline.class);

	private static final String NAME = "h3.requestHeadDeadline";

	private final long timeoutMillis;

	/** Event loop only. */
	private @Nullable ScheduledFuture<?> deadline;

	private RequestHeadDeadline(long timeoutMillis) {
		this.timeoutMillis = timeoutMillis;
	}

	/** Adds the deadline to every connection of the server, just after the HTTP codec. */
	public static HttpServer install(HttpServer server, Duration timeout) {
		long millis = timeout.toMillis();
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpTrafficHandler, NAME, new RequestHeadDeadline(millis));
			}
		});
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			start(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		start(ctx);
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof HttpRequest) {
			cancel();
		}
		super.channelRead(ctx, msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof HttpResponse response && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
			cancel();
			ctx.pipeline().remove(this);
		}
		else if (msg instanceof LastHttpContent) {
			// the next request on this connection gets the same time for its head
			promise = promise.unvoid();
			promise.addListener((future) -> start(ctx));
		}
		super.write(ctx, msg, promise);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	private void start(ChannelHandlerContext ctx) {
		if (this.deadline == null && ctx.channel().isActive() && !ctx.isRemoved()) {
			this.deadline = ctx.executor().schedule(() -> expire(ctx), this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void expire(ChannelHandlerContext ctx) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + ctx.channel() + ": no complete request head within " + this.timeoutMillis
					+ " ms (h3.websocket.handshake-timeout)");
		}
		ctx.close();
	}

	private void cancel() {
		ScheduledFuture<?> scheduled = this.deadline;
		if (scheduled != null) {
			scheduled.cancel(false);
			this.deadline = null;
		}
	}

}
