package io.github.h3spring.scaleout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that a test can cut and restore, to take a backplane server
 * away from one instance only. While cut, it resets its connections and every new one at
 * once. Starts cut.
 */
final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean forwarding;

	TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "proxy-accept-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Starts forwarding new connections. */
	void open() {
		this.forwarding = true;
	}

	/** Resets every forwarded connection, and new ones until {@link #open()}. */
	void cut() {
		this.forwarding = false;
		this.sockets.forEach(TcpProxy::reset);
		this.sockets.clear();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (!this.forwarding) {
					reset(client);
					continue;
				}
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// the server socket was closed, or the target refused
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				// one side is gone
			}
			finally {
				reset(from);
				reset(to);
			}
		}, "proxy-pipe-" + port());
		thread.setDaemon(true);
		thread.start();
	}

	private static void reset(Socket socket) {
		try {
			if (!socket.isClosed()) {
				socket.setSoLinger(true, 0);
				socket.close();
			}
		}
		catch (IOException ex) {
			// already gone
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

}
