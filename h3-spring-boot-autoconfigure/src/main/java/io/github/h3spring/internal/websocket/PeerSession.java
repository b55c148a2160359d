package io.github.h3spring.internal.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.h3spring.internal.pubsub.Payload;
import io.github.h3spring.internal.pubsub.PubSubBroker;
import io.github.h3spring.internal.pubsub.TopicSubscriber;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.UpgradeRequest;
import io.github.h3spring.websocket.WebSocketInfo;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One WebSocket connection: the {@link Peer} the handler sees, the hook lane that runs its
 * hooks one at a time, and the bounded send queue in front of Reactor Netty.
 */
final class PeerSession implements Peer, TopicSubscriber {

	private static final Log logger = LogFactory.getLog(PeerSession.class);

	/** Policy violation: the client does not read what it is sent. */
	static final int SEND_BUFFER_OVERFLOW_CODE = 1008;

	private final String id = UUID.randomUUID().toString();

	private final DefaultUpgradeRequest request;

	private final Map<String, Object> context;

	private final String namespace;

	private final @Nullable String protocol;

	private final List<String> extensions;

	private final PeerRuntime runtime;

	private final WebsocketInbound inbound;

	private final WebsocketOutbound outbound;

	private final Channel channel;

	private final Set<String> topics = ConcurrentHashMap.newKeySet();

	/** Frames waiting for the network; guarded by {@code this} so emits never race completion. */
	private final Sinks.Many<WebSocketFrame> sendQueue = Sinks.unsafe().many().unicast().onBackpressureBuffer();

	private final AtomicLong buffered = new AtomicLong();

	private final AtomicBoolean closeNotified = new AtomicBoolean();

	private final Disposable.Composite publisherSends = Disposables.composite();

	/** Signals each time the send queue empties (and when the peer closes). */
	private final Sinks.Many<Boolean> drainSignals = Sinks.many().multicast().directBestEffort();

	/** Set when the queue passed half the limit; the drain hook fires when it empties again. */
	private final AtomicBoolean drainHookArmed = new AtomicBoolean();

	private volatile int readyState = WebSocketInfo.OPEN;

	private volatile @Nullable CloseEvent requestedClose;

	PeerSession(DefaultUpgradeRequest request, String namespace, @Nullable String protocol, List<String> extensions,
			PeerRuntime runtime, WebsocketInbound inbound, WebsocketOutbound outbound) {
		this.request = request;
		this.context = new ConcurrentHashMap<>(request.context());
		this.namespace = namespace;
		this.protocol = protocol;
		this.extensions = extensions;
		this.runtime = runtime;
		this.inbound = inbound;
		this.outbound = outbound;
		Channel[] holder = new Channel[1];
		inbound.withConnection((connection) -> holder[0] = connection.channel());
		this.channel = holder[0];
	}

	/**
	 * Runs the connection until it closes: open hook, then the message hooks in arrival order,
	 * then the close hook; sends flow out concurrently.
	 */
	Mono<Void> run() {
		Mono<Void> sending = this.outbound.sendObject(outgoingFrames())
			.then()
			.then(Mono.defer(this::sendRequestedClose))
			.onErrorResume((ex) -> Mono.empty());
		Mono<Void> receiving = this.runtime.hooks()
			.open(this)
			.thenMany(this.inbound.aggregateFrames(this.runtime.maxMessageSize()).receiveFrames())
			.mapNotNull(this::toHookCall)
			.concatMap((call) -> call)
			.onErrorResume(this::connectionFailed)
			.then(Mono.defer(this::closed))
			.doOnCancel(this::cancelled);
		return Mono.when(receiving, sending);
	}

	private Flux<WebSocketFrame> outgoingFrames() {
		return this.sendQueue.asFlux()
			.doOnNext(this::handedOff)
			.doOnDiscard(ReferenceCounted.class, PeerSession::releaseIfLive);
	}

	private @Nullable Mono<Void> toHookCall(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			this.runtime.metrics().messageReceived(frame.content().readableBytes());
		}
		if (frame instanceof TextWebSocketFrame) {
			String text = frame.content().toString(StandardCharsets.UTF_8);
			return this.runtime.hooks().message(this, DefaultMessage.text(this, this.runtime.json(), text));
		}
		if (frame instanceof BinaryWebSocketFrame) {
			byte[] bytes = ByteBufUtil.getBytes(frame.content());
			return this.runtime.hooks().message(this, DefaultMessage.binary(this, this.runtime.json(), bytes));
		}
		if (frame instanceof PingWebSocketFrame) {
			byte[] data = ByteBufUtil.getBytes(frame.content());
			enqueue(new PongWebSocketFrame(Unpooled.wrappedBuffer(data)));
			return this.runtime.hooks().ping(this, data);
		}
		if (frame instanceof PongWebSocketFrame) {
			return this.runtime.hooks().pong(this, ByteBufUtil.getBytes(frame.content()));
		}
		return null;
	}

	private Mono<Void> connectionFailed(Throwable error) {
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket connection of peer " + this.id + " failed", error);
		}
		// a dropped connection is reported by the close hook (1006), not as an error
		return (error instanceof IOException || AbortedException.isConnectionReset(error)) ? Mono.empty()
				: this.runtime.hooks().error(this, error);
	}

	private Mono<Void> closed() {
		return this.inbound.receiveCloseStatus()
			.map((status) -> new CloseEvent(status.code(), status.reasonText()))
			.defaultIfEmpty(new CloseEvent(CloseEvent.ABNORMAL, ""))
			.flatMap((event) -> {
				release();
				return notifyClosed(event);
			});
	}

	private void cancelled() {
		release();
		notifyClosed(new CloseEvent(CloseEvent.ABNORMAL, "")).subscribe();
	}

	/** Counts the close and runs the close hook, once per peer. */
	private Mono<Void> notifyClosed(CloseEvent event) {
		if (!this.closeNotified.compareAndSet(false, true)) {
			return Mono.empty();
		}
		this.runtime.metrics().closed(event.code());
		return this.runtime.hooks().close(this, event);
	}

	/** Leaves every registry and drops what is still queued: the peer is gone. */
	private void release() {
		this.readyState = WebSocketInfo.CLOSED;
		this.runtime.peers().remove(this);
		for (String topic : this.topics) {
			this.runtime.broker().topics().unsubscribe(this.namespace, topic, this);
		}
		this.topics.clear();
		this.publisherSends.dispose();
		synchronized (this) {
			this.sendQueue.tryEmitComplete();
		}
		this.drainSignals.tryEmitComplete();
	}

	private Mono<Void> sendRequestedClose() {
		CloseEvent close = this.requestedClose;
		return (close != null) ? this.outbound.sendClose(close.code(), close.reason()) : Mono.empty();
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
		return new WebSocketInfo(this.readyState, this.protocol, this.extensions, this.request.url());
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
			Disposable subscription = Flux.from(publisher)
				.subscribe(this::send, (error) -> this.runtime.hooks().error(this, error).subscribe());
			this.publisherSends.add(subscription);
			return;
		}
		Payload payload = this.runtime.broker().encoder().encode(data);
		try {
			enqueue(payload.newFrame());
		}
		finally {
			payload.release();
		}
	}

	@Override
	public void deliver(Payload payload) {
		enqueue(payload.newFrame());
	}

	@Override
	public long bufferedAmount() {
		return this.buffered.get();
	}

	@Override
	public Mono<Void> waitForDrain() {
		// subscribe to the signals before probing, so a drain between the two is not missed
		return Flux.merge(this.drainSignals.asFlux(), Mono.just(Boolean.TRUE))
			.filter((signal) -> isDrained())
			.next()
			.then();
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
		synchronized (this) {
			if (this.readyState != WebSocketInfo.OPEN) {
				return;
			}
			this.readyState = WebSocketInfo.CLOSING;
			this.requestedClose = new CloseEvent(code, reason);
			// what was sent before close() still goes out, then the close frame
			this.sendQueue.tryEmitComplete();
		}
	}

	@Override
	public void terminate() {
		this.readyState = WebSocketInfo.CLOSING;
		this.channel.close();
	}

	@Override
	public String toString() {
		return this.id;
	}

	// send queue

	private boolean isDrained() {
		return this.buffered.get() == 0 || this.readyState == WebSocketInfo.CLOSED;
	}

	private void enqueue(WebSocketFrame frame) {
		int size = frame.content().readableBytes();
		long total = this.buffered.addAndGet(size);
		if (total > this.runtime.sendBufferLimit()) {
			this.buffered.addAndGet(-size);
			frame.release();
			overflowed();
			return;
		}
		if (total > this.runtime.sendBufferLimit() / 2) {
			this.drainHookArmed.set(true);
		}
		boolean queued;
		synchronized (this) {
			queued = this.readyState == WebSocketInfo.OPEN && this.sendQueue.tryEmitNext(frame).isSuccess();
		}
		if (!queued) {
			this.buffered.addAndGet(-size);
			frame.release();
		}
	}

	private void handedOff(WebSocketFrame frame) {
		int size = frame.content().readableBytes();
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			this.runtime.metrics().messageSent(size);
		}
		if (this.buffered.addAndGet(-size) == 0) {
			this.drainSignals.tryEmitNext(Boolean.TRUE);
			if (this.drainHookArmed.compareAndSet(true, false)) {
				// later on the event loop, never inside the hook whose send is being written
				this.channel.eventLoop().execute(() -> this.runtime.hooks().drain(this).subscribe());
			}
		}
	}

	private void overflowed() {
		synchronized (this) {
			if (this.readyState != WebSocketInfo.OPEN) {
				return;
			}
			this.readyState = WebSocketInfo.CLOSING;
		}
		this.runtime.metrics().sendBufferOverflowed();
		logger.warn("Closing WebSocket peer " + this.id + ": it does not read fast enough and its send buffer exceeded "
				+ this.runtime.sendBufferLimit() + " bytes");
		this.outbound.sendClose(SEND_BUFFER_OVERFLOW_CODE, "send buffer limit exceeded").subscribe(null, (ex) -> {
		});
	}

	private static void releaseIfLive(ReferenceCounted message) {
		if (message.refCnt() > 0) {
			message.release();
		}
	}

}
