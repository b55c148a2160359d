package io.github.h3spring.benchmarks.raw;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The floor: the benchmark endpoints written with plain Netty, no Reactor and no Spring,
 * as a Netty user writes them — {@code HttpServerCodec} and {@code HttpObjectAggregator},
 * a router that hands {@code /echo} and {@code /fanout} to a
 * {@code WebSocketServerProtocolHandler}, and a {@code ChannelGroup} per broadcast
 * ({@link NettyBroadcast}). It runs on the epoll transport when Netty's native epoll is
 * available, else on NIO: the choice Reactor Netty makes for the starter and raw WebFlux
 * (its {@code reactor-netty-core} brings the native epoll library).
 * <p>
 * {@code main} takes {@code --server.port=N}, as the Spring servers do, and prints
 * {@code Raw Netty started on port N (transport)} once it listens.
 */
public final class RawNettyServer implements AutoCloseable {

	private static final int MAX_REQUEST_BYTES = 8192;

	private static final boolean EPOLL = Epoll.isAvailable();

	private final EventLoopGroup acceptor;

	private final EventLoopGroup workers;

	private final Channel channel;

	private RawNettyServer(int port) {
		IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> serverChannel = EPOLL ? EpollServerSocketChannel.class
				: NioServerSocketChannel.class;
		// Netty's default sizing: one thread accepts, twice the CPUs' threads serve
		this.acceptor = new MultiThreadIoEventLoopGroup(1, io);
		this.workers = new MultiThreadIoEventLoopGroup(io);
		NettyRouter router = new NettyRouter(new NettyBroadcast());
		this.channel = new ServerBootstrap().group(this.acceptor, this.workers)
			.channel(serverChannel)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), router);
				}

			})
			.bind(port)
			.syncUninterruptibly()
			.channel();
	}

	/** Starts a server listening on the port (0 for any free one). */
	public static RawNettyServer start(int port) {
		return new RawNettyServer(port);
	}

	/** The port the server listens on. */
	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	/** The transport the server runs on: {@code epoll} or {@code nio}. */
	public String transport() {
		return EPOLL ? "epoll" : "nio";
	}

	@Override
	public void close() {
		this.channel.close().syncUninterruptibly();
		this.acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/** Serves until the JVM stops. */
	public static void main(String[] args) {
		int port = 8080;
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring("--server.port=".length()));
			}
		}
		RawNettyServer server = start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "raw-netty-shutdown"));
		System.out.println("Raw Netty started on port " + server.port() + " (" + server.transport() + ")");
		server.channel.closeFuture().syncUninterruptibly();
	}

}
