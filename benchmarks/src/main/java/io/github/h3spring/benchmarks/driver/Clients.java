package io.github.h3spring.benchmarks.driver;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * Opens the driver's connections to one server, all on a single event loop so that the
 * workloads need no locks and the driver stays on its one CPU.
 */
final class Clients implements AutoCloseable {

	private static final int MAX_FRAME = 1024 * 1024;

	/**
	 * One source address has about 28,000 ephemeral ports towards one server port, so
	 * past this many connections the next ones come from 127.0.0.2, 127.0.0.3, ... (the
	 * whole 127/8 is loopback).
	 */
	private static final int CONNECTIONS_PER_SOURCE = 20_000;

	private static final int SOURCES = 8;

	private int connectionsStarted;

	private final EventLoopGroup group;

	private final Bootstrap bootstrap;

	private final String host;

	private final int port;

	Clients(String host, int port) {
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		this.group = new MultiThreadIoEventLoopGroup(1, io);
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
		this.host = host;
		this.port = port;
	}

	EventLoop loop() {
		return this.group.next();
	}

	/** Starts a WebSocket connection; the listener hears when it opens. */
	WsConnection webSocket(String path, Connection.Listener listener) {
		WsConnection connection = new WsConnection(listener);
		URI uri = URI.create("ws://" + this.host + ":" + this.port + path);
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.version(WebSocketVersion.V13)
			.customHeaders(new DefaultHttpHeaders())
			.maxFramePayloadLength(MAX_FRAME)
			.generateOriginHeader(false)
			.handshakeTimeoutMillis(30_000)
			.build();
		return start(connection, new ChannelInitializer<>() {

			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline()
					.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
							new WebSocketClientProtocolHandler(config), connection.handler());
			}

		});
	}

	/** Starts an event-stream request; it counts as open once the request is sent. */
	SseConnection eventStream(String path, Connection.Listener listener) {
		SseConnection connection = new SseConnection(listener, path, this.host + ":" + this.port);
		return start(connection, new ChannelInitializer<>() {

			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline().addLast(new HttpClientCodec(), connection.handler());
			}

		});
	}

	private <C extends Connection> C start(C connection, ChannelInitializer<Channel> initializer) {
		InetSocketAddress source = new InetSocketAddress(
				"127.0.0." + (1 + (this.connectionsStarted++ / CONNECTIONS_PER_SOURCE) % SOURCES), 0);
		ChannelFuture future = this.bootstrap.clone()
			.handler(initializer)
			.connect(new InetSocketAddress(this.host, this.port), source);
		connection.attach(future.channel());
		future.addListener((done) -> {
			if (!done.isSuccess()) {
				connection.closed();
			}
		});
		return connection;
	}

	/**
	 * Opens {@code count} connections, at most {@code concurrency} handshakes at a time,
	 * and waits until each has opened or failed.
	 * @param open starts one connection with the given listener
	 * @param inner hears everything after the handshake
	 */
	Opened openMany(int count, int concurrency, Duration timeout, Function<Connection.Listener, Connection> open,
			Connection.Listener inner) throws InterruptedException {
		CompletableFuture<Opened> result = new CompletableFuture<>();
		call(() -> {
			new Opener(count, concurrency, open, inner, result).start();
			return null;
		});
		try {
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Opening " + count + " connections took longer than " + timeout);
		}
	}

	/** Runs on the event loop and waits for the answer. */
	<T> T call(Callable<T> task) throws InterruptedException {
		try {
			return loop().submit(task).get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/**
	 * Connections that opened, and how many failed to.
	 *
	 * @param connections the open connections
	 * @param failed how many could not open
	 */
	record Opened(List<Connection> connections, int failed) {
	}

	/** Keeps {@code concurrency} handshakes in flight until {@code count} are done. */
	private static final class Opener implements Connection.Listener {

		private final int count;

		private final int concurrency;

		private final Function<Connection.Listener, Connection> open;

		private final Connection.Listener inner;

		private final CompletableFuture<Opened> result;

		private final List<Connection> opened = new ArrayList<>();

		private int started;

		private int failed;

		Opener(int count, int concurrency, Function<Connection.Listener, Connection> open, Connection.Listener inner,
				CompletableFuture<Opened> result) {
			this.count = count;
			this.concurrency = concurrency;
			this.open = open;
			this.inner = inner;
			this.result = result;
		}

		void start() {
			for (int i = 0; i < Math.min(this.concurrency, this.count); i++) {
				next();
			}
			finishIfDone();
		}

		private void next() {
			if (this.started < this.count) {
				this.started++;
				this.open.apply(this);
			}
		}

		@Override
		public void onOpen(Connection connection) {
			this.opened.add(connection);
			this.inner.onOpen(connection);
			next();
			finishIfDone();
		}

		@Override
		public void onMessage(Connection connection, io.netty.buffer.ByteBuf payload) {
			this.inner.onMessage(connection, payload);
		}

		@Override
		public void onClosed(Connection connection, boolean wasOpen) {
			if (!wasOpen) {
				this.failed++;
				next();
				finishIfDone();
			}
			this.inner.onClosed(connection, wasOpen);
		}

		private void finishIfDone() {
			if (!this.result.isDone() && this.opened.size() + this.failed >= this.count) {
				this.result.complete(new Opened(List.copyOf(this.opened), this.failed));
			}
		}

	}

}
