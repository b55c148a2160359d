package io.github.h3spring.internal.websocket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.h3spring.internal.pubsub.Payload;
import io.github.h3spring.internal.pubsub.TopicSubscriber;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.WebSocketInfo;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCounted;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

/**
 * One WebSocket connection, whatever the web stack: the {@link Peer} the handler sees,
 * the hook lane that runs its hooks one at a time, topics, the close state and liveness,
 * in front of the {@link PeerTransport} that owns the socket.
 */
public final class PeerSession implements Peer, TopicSubscriber {

	private static final Log logger = LogFactory.getLog(PeerSession.class);

	/** Policy violation: the client does not read what it is sent. */
	static final int SEND_BUFFER_OVERFLOW_CODE = 1008;

	static final int INVALID_PAYLOAD_CODE = 1007;

	static final int MESSAGE_TOO_BIG_CODE = 1009;

	private final String id = UUID.randomUUID().toString();

	private final UpgradeRequest request;

	private final String webSocketUrl;

	private final Map<String, Object> context;

	private final String namespace;

	private final @Nullable String protocol;

	private final List<String> extensions;

	private final PeerRuntime runtime;

	private final PeerHooks hooks;

	private final PeerTransport transport;

	private final Set<String> topics = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closeNotified = new AtomicBoolean();

	private final Disposable.Composite publisherSends = Disposables.composite();

	/** Runs the hooks one at a time: open, the frames' and the others', then close. */
	private final HookLane lane = new HookLane();

	/**
	 * Set when the send buffer passed half the limit; the drain hook fires when it
	 * empties.
	 */
	private final AtomicBoolean drainHookArmed = new AtomicBoolean();

	private volatile int readyState = WebSocketInfo.OPEN;

	private final LivenessCheck liveness;

	/**
	 * Why the server ended the connection when the transport does not know (a protocol
	 * error).
	 */
	private volatile @Nullable CloseEvent serverClose;

	/**
	 * Creates the peer of a connection that has just been upgraded.
	 * @param request the upgrade request
	 * @param webSocketUrl the URL with a {@code ws} or {@code wss} scheme
	 * @param namespace the pub/sub namespace
	 * @param protocol the subprotocol agreed on, if any
	 * @param extensions the extensions agreed on
	 * @param runtime what the peers of the handler share
	 * @param hooks the hooks of this connection
	 * @param transport the connection
	 */
	public PeerSession(UpgradeRequest request, String webSocketUrl, String namespace, @Nullable String protocol,
			List<String> extensions, PeerRuntime runtime, PeerHooks hooks, PeerTransport transport) {
		this.request = request;
		this.webSocketUrl = webSocketUrl;
		this.context = new ConcurrentHashMap<>(request.context());
		this.namespace = namespace;
		this.protocol = protocol;
		this.extensions = extensions;
		this.runtime = runtime;
		this.hooks = hooks;
		this.transport = transport;
		this.liveness = new LivenessCheck(runtime.idleTimeout());
		// leave peers() and topics when the connection ends, even if a hook never
		// completes
		transport.onTerminated(this::release);
	}

	/**
	 * Runs the connection until it closes: registers the peer, then the open hook, then
	 * the hook calls of the frames in arrival order with the hooks that no frame starts
	 * ({@code drain}, the {@code error} of a failed {@code send(Publisher)}) in between,
	 * then the close hook; one at a time, in that order.
	 * <p>
	 * The lane runs on its own subscription: when the transport cancels the returned
	 * {@code Mono} (the connection was dropped), a hook still running finishes before the
	 * close hook starts.
	 * @param frameCalls the hook calls of the received frames, asked for a few at a time;
	 * they end when it completes or the connection is gone
	 * @param closeStatus the close the client sent, empty when there was none
	 */
	public Mono<Void> run(Flux<Mono<Void>> frameCalls, Mono<CloseEvent> closeStatus) {
		this.runtime.peers().add(this);
		this.runtime.metrics().opened(this);
		this.liveness.start(this.transport.scheduler(), () -> enqueue(new PingWebSocketFrame()), this::idleTimedOut);
		Sinks.Empty<Void> done = Sinks.empty();
		this.lane.start(this.hooks.open(this), frameCalls, () -> Mono.defer(() -> closed(closeStatus))
			.subscribe(null, (error) -> done.tryEmitEmpty(), done::tryEmitEmpty));
		return done.asMono();
	}

	// what the transport reports; each returns the hook call for the lane

	/** Any frame is a sign of life. */
	public void frameReceived() {
		this.liveness.frameReceived();
	}

	public Mono<Void> textReceived(String text, int size) {
		this.runtime.metrics().messageReceived(size);
		return this.hooks.message(this, DefaultMessage.text(this, this.runtime.json(), text));
	}

	public Mono<Void> binaryReceived(byte[] bytes) {
		this.runtime.metrics().messageReceived(bytes.length);
		return this.hooks.message(this, DefaultMessage.binary(this, this.runtime.json(), bytes));
	}

	/** Answers the ping, then calls the ping hook. */
	public Mono<Void> pingReceived(byte[] data) {
		enqueue(new PongWebSocketFrame(Unpooled.wrappedBuffer(data)));
		return this.hooks.ping(this, data);
	}

	public Mono<Void> pongReceived(byte[] data) {
		return this.hooks.pong(this, data);
	}

	/** The connection failed for a reason the transport does not report as a close. */
	public Mono<Void> failed(Throwable error) {
		return this.hooks.error(this, error);
	}

	/**
	 * The close the hooks see when the server ended the connection itself (a protocol
	 * error).
	 */
	public void serverClosed(CloseEvent event) {
		this.serverClose = event;
	}

	/**
	 * Ends the connection because the client broke the protocol, after what was sent
	 * before.
	 */
	public void closeForBadInput(int code, String reason) {
		if (startClosing()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing WebSocket peer " + this.id + " with " + code + ": " + reason);
			}
			this.transport.closeAfterPending(code, reason);
		}
	}

	private Mono<Void> closed(Mono<CloseEvent> closeStatus) {
		return closeStatus
			.switchIfEmpty(Mono.fromSupplier(
					() -> (this.serverClose != null) ? this.serverClose : new CloseEvent(CloseEvent.ABNORMAL, "")))
			.flatMap((event) -> {
				release();
				return notifyClosed(event);
			});
	}

	/** Counts the close and runs the close hook, once per peer. */
	private Mono<Void> notifyClosed(CloseEvent event) {
		if (!this.closeNotified.compareAndSet(false, true)) {
			return Mono.empty();
		}
		this.runtime.metrics().closed(event.code());
		return this.hooks.close(this, event);
	}

	/**
	 * Leaves every registry and drops what is still queued: the peer is gone. Idempotent.
	 */
	private void release() {
		this.readyState = WebSocketInfo.CLOSED;
		this.runtime.peers().remove(this);
		this.runtime.metrics().left(this);
		for (String topic : this.topics) {
			this.runtime.broker().topics().unsubscribe(this.namespace, topic, this);
		}
		this.topics.clear();
		this.publisherSends.dispose();
		this.lane.endFrames();
		this.transport.releaseQueued();
		this.liveness.stop();
	}

	private void idleTimedOut() {
		if (logger.isDebugEnabled()) {
			logger.debug("Dropping WebSocket peer " + this.id + ": no frame for " + this.runtime.idleTimeout());
		}
		terminate();
	}

	// Peer

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public UpgradeRequest request() {
		return this.request;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.request.remoteAddress();
	}

	@Override
	public Map<String, Object> context() {
		return this.context;
	}

	@Override
	public String namespace() {
		return this.namespace;
	}

	@Override
	public WebSocketInfo websocket() {
		return new WebSocketInfo(this.readyState, this.protocol, this.extensions, this.webSocketUrl);
	}

	@Override
	public Set<Peer> peers() {
		return this.runtime.peers().inNamespace(this.namespace);
	}

	@Override
	public Set<String> topics() {
		return Set.copyOf(this.topics);
	}

	@Override
	public void subscribe(String topic) {
		if (this.readyState <= WebSocketInfo.OPEN && this.topics.add(topic)) {
			this.runtime.broker().topics().subscribe(this.namespace, topic, this);
			if (this.readyState == WebSocketInfo.CLOSED) {
				this.runtime.broker().topics().unsubscribe(this.namespace, topic, this);
			}
		}
	}

	@Override
	public void unsubscribe(String topic) {
		if (this.topics.remove(topic)) {
			this.runtime.broker().topics().unsubscribe(this.namespace, topic, this);
		}
	}

	@Override
	public void publish(String topic, Object data) {
		this.runtime.broker().publish(this.namespace, topic, data, this);
	}

	@Override
	public void send(Object data) {
		if (data instanceof Publisher<?> publisher) {
			PublisherSend subscriber = new PublisherSend();
			if (this.publisherSends.add(subscriber)) {
				Flux.from(publisher).subscribe(subscriber);
			}
			return;
		}
		enqueue(this.runtime.broker().encoder().encodeFrame(data));
	}

	@Override
	public void deliver(Payload payload) {
		if (this.extensions.isEmpty() && this.transport.writesEncodedFrames()) {
			// no extension to apply per peer: every recipient writes the one encoded
			// frame
			enqueue(payload.newWireFrame(), payload.size(), true);
		}
		else {
			enqueue(payload.newFrame());
		}
	}

	@Override
	public long bufferedAmount() {
		return this.transport.bufferedAmount();
	}

	@Override
	public Mono<Void> waitForDrain() {
		return Mono.defer(() -> {
			if (isDrained()) {
				return Mono.empty();
			}
			Sinks.Empty<Void> drained = Sinks.empty();
			whenDrained(drained::tryEmitEmpty);
			return drained.asMono();
		});
	}

	@Override
	public Mono<Void> waitForDrain(Duration timeout) {
		return waitForDrain().timeout(timeout);
	}

	@Override
	public void ping(byte[] data) {
		enqueue(new PingWebSocketFrame(Unpooled.wrappedBuffer(data.clone())));
	}

	@Override
	public void close() {
		close(CloseEvent.NORMAL, "");
	}

	@Override
	public void close(int code, String reason) {
		if (startClosing()) {
			// what was sent before close() still goes out, then the close frame
			this.transport.closeAfterPending(code, reason);
		}
	}

	private synchronized boolean startClosing() {
		if (this.readyState != WebSocketInfo.OPEN) {
			return false;
		}
		this.readyState = WebSocketInfo.CLOSING;
		return true;
	}

	@Override
	public void terminate() {
		this.readyState = WebSocketInfo.CLOSING;
		this.transport.terminate();
	}

	@Override
	public String toString() {
		return this.id;
	}

	// send buffer

	private boolean isDrained() {
		return this.readyState == WebSocketInfo.CLOSED || this.transport.bufferedAmount() == 0;
	}

	/**
	 * Runs {@code listener} on the event loop once the send buffer is empty or the peer
	 * closed.
	 */
	private void whenDrained(Runnable listener) {
		this.transport.whenWritten(() -> {
			if (isDrained()) {
				listener.run();
			}
			else {
				whenDrained(listener);
			}
		});
	}

	private void enqueue(WebSocketFrame frame) {
		enqueue(frame, frame.content().readableBytes(),
				frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame);
	}

	/**
	 * Queues a frame, or a frame already encoded ({@link PeerTransport#send}).
	 * @param size the size of the message in it
	 * @param message whether it is a text or binary message (not a control frame)
	 */
	private void enqueue(ReferenceCounted frame, int size, boolean message) {
		if (this.readyState != WebSocketInfo.OPEN) {
			frame.release();
			return;
		}
		long buffered = this.transport.send(frame);
		if (buffered == PeerTransport.OVER_LIMIT) {
			overflowed();
			return;
		}
		if (buffered == PeerTransport.DROPPED) {
			return;
		}
		if (message) {
			this.runtime.metrics().messageSent(size);
		}
		if (buffered > this.runtime.sendBufferLimit() / 2 && this.drainHookArmed.compareAndSet(false, true)) {
			whenDrained(() -> {
				this.drainHookArmed.set(false);
				this.lane.submit(Mono.defer(() -> this.hooks.drain(this)));
			});
		}
	}

	private void overflowed() {
		if (!startClosing()) {
			return;
		}
		this.runtime.metrics().sendBufferOverflowed();
		logger.warn("Closing WebSocket peer " + this.id + ": it does not read fast enough and its send buffer exceeded "
				+ this.runtime.sendBufferLimit() + " bytes");
		this.transport.closeNow(SEND_BUFFER_OVERFLOW_CODE, "send buffer limit exceeded");
	}

	/**
	 * Sends each element of a {@code Publisher}; its error waits its turn in the lane.
	 */
	private final class PublisherSend extends BaseSubscriber<Object> {

		@Override
		protected void hookOnNext(Object value) {
			send(value);
		}

		@Override
		protected void hookOnError(Throwable error) {
			PeerSession.this.lane.submit(Mono.defer(() -> PeerSession.this.hooks.error(PeerSession.this, error)));
		}

		@Override
		protected void hookFinally(SignalType type) {
			// a finished send leaves the set, so a long-lived peer does not accumulate
			// them
			PeerSession.this.publisherSends.remove(this);
		}

	}

}
