package io.github.h3spring.internal.sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.h3spring.sse.EventStream;
import io.github.h3spring.sse.EventStreamMessage;
import io.github.h3spring.sse.EventStreamOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

import org.springframework.http.codec.ServerSentEvent;

/**
 * The {@link EventStream}, the same on every stack: a lock-free queue of encoded frames
 * in front of the response. Pushes from any thread add to the queue; one drain loop at a
 * time (whichever thread wins the work-in-progress counter) hands frames to the
 * {@link EventStreamTransport} as it asks for them, so the response sees one ordered
 * sequence, nobody blocks, and what the client has not taken yet is counted against the
 * send buffer limit: what stays here and what the transport holds
 * ({@link EventStreamTransport#pendingBytes()}).
 */
public final class DefaultEventStream implements EventStream {

	private static final Log logger = LogFactory.getLog(DefaultEventStream.class);

	/**
	 * Queued by {@link #close()}: ends the response after the frames queued before it.
	 */
	private static final Object CLOSE = new Object();

	/** Queued by {@link #flush()}: a paused stream writes the frames queued before it. */
	private static final Object FLUSH = new Object();

	private final EventStreamTransport transport;

	private final EventStreamRuntime runtime;

	private final EventStreamSettings settings;

	private final @Nullable String lastEventId;

	private final ReplayLogs.@Nullable Log replayLog;

	private final Queue<Object> queue = Queues.unboundedMultiproducer().get();

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicLong requested = new AtomicLong();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicInteger flushes = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicBoolean sent = new AtomicBoolean();

	private final AtomicBoolean resetSent = new AtomicBoolean();

	private final Set<String> topics = ConcurrentHashMap.newKeySet();

	private final CloseCallbacks closeCallbacks = new CloseCallbacks(this::describe);

	private final StreamObservation observation;

	private volatile boolean paused;

	/** The client is gone: drop what is queued. */
	private volatile boolean cancelled;

	/** The stream overflowed: drop what is queued and end the response. */
	private volatile boolean abandoned;

	private volatile boolean overflowed;

	private volatile boolean heartbeatDue;

	private volatile boolean sentSinceHeartbeat;

	/** Ids replayed from the replay log, skipped if the handler pushes them again. */
	private volatile @Nullable Set<String> replayedIds;

	private volatile @Nullable CoreSubscriber<? super SseFrame> downstream;

	private volatile @Nullable Disposable heartbeat;

	/**
	 * Drain loop only: the retry field or an empty frame that makes the headers go out.
	 */
	private @Nullable SseFrame first;

	/** Drain loop only: the response was completed. */
	private boolean terminated;

	private DefaultEventStream(EventStreamRuntime runtime, EventStreamOptions options, EventStreamTransport transport) {
		this.transport = transport;
		this.runtime = runtime;
		this.settings = this.runtime.settings().with(options);
		this.observation = StreamObservation.create(runtime.observations());
		this.lastEventId = transport.lastEventId();
		Duration retry = this.settings.retry();
		this.first = (retry != null) ? SseFrame.retry(retry) : SseFrame.START;
		String replayKey = options.replayKey();
		this.replayLog = (replayKey != null) ? this.runtime.replayLogs().acquire(replayKey) : null;
		if (this.replayLog != null && this.lastEventId != null) {
			resume(this.replayLog, this.lastEventId);
		}
	}

	/**
	 * Creates the event stream of a request.
	 * @param runtime the runtime of the request's application
	 * @param options the stream's own options
	 * @param transport the response of the request's stack
	 * @return the stream
	 */
	public static EventStream create(EventStreamRuntime runtime, EventStreamOptions options,
			EventStreamTransport transport) {
		return new DefaultEventStream(runtime, options, transport);
	}

	private void resume(ReplayLogs.Log log, String lastEventId) {
		List<EventStreamMessage> missed = log.after(lastEventId);
		if (missed == null) {
			reset(lastEventId, log.newestId());
			return;
		}
		Set<String> replayed = ConcurrentHashMap.newKeySet();
		for (EventStreamMessage message : missed) {
			replayed.add(message.id());
			offer(SseFrame.message(message));
		}
		this.replayedIds = replayed;
	}

	/** Tells the client that its missed events are no longer known, once per stream. */
	void reset(String lastEventId, @Nullable String position) {
		if (this.resetSent.compareAndSet(false, true)) {
			offer(SseFrame
				.message(EventStreamMessage.builder().id(position).event(RESET_EVENT).data(lastEventId).build()));
		}
	}

	// pushing

	@Override
	public void push(String data) {
		enqueue(SseFrame.message(EventStreamMessage.of(data)));
	}

	@Override
	public void push(EventStreamMessage message) {
		if (message.id() != null && !accept(message)) {
			return;
		}
		enqueue(SseFrame.message(message));
	}

	@Override
	public void push(Collection<?> messages) {
		List<EventStreamMessage> batch = new ArrayList<>(messages.size());
		for (Object element : messages) {
			EventStreamMessage message = toMessage(element);
			if (message.id() == null || accept(message)) {
				batch.add(message);
			}
		}
		if (!batch.isEmpty()) {
			enqueue(SseFrame.messages(batch));
		}
	}

	private static EventStreamMessage toMessage(@Nullable Object element) {
		if (element instanceof EventStreamMessage message) {
			return message;
		}
		if (element instanceof String data) {
			return EventStreamMessage.of(data);
		}
		throw new IllegalArgumentException(
				"EventStream.push takes Strings and EventStreamMessages but the collection held "
						+ ((element != null) ? element.getClass().getName() : "null"));
	}

	/**
	 * Records an event with an id in the replay log; {@code false} if it was just
	 * replayed.
	 */
	private boolean accept(EventStreamMessage message) {
		Set<String> replayed = this.replayedIds;
		if (replayed != null) {
			if (replayed.contains(message.id())) {
				return false;
			}
			this.replayedIds = null;
		}
		if (this.replayLog != null && !this.closed.get()) {
			this.replayLog.record(message);
		}
		return true;
	}

	@Override
	public void pushComment(String comment) {
		enqueue(SseFrame.comment(comment));
	}

	private void enqueue(SseFrame frame) {
		offer(frame);
		deliverOffered();
	}

	/**
	 * Queues a frame without writing it, so that a topic can queue one event for many
	 * streams under its lock; {@link #deliverOffered()} then writes it.
	 */
	void offer(SseFrame frame) {
		if (this.closed.get()) {
			return;
		}
		int size = frame.size();
		if (this.queuedBytes.addAndGet(size) + this.transport.pendingBytes() > this.settings.sendBufferLimit()) {
			this.queuedBytes.addAndGet(-size);
			this.overflowed = true;
			return;
		}
		this.queue.offer(frame);
	}

	void deliverOffered() {
		if (this.overflowed) {
			overflow();
		}
		else {
			drain();
		}
	}

	// pause, flush, close

	@Override
	public void pause() {
		this.paused = true;
	}

	@Override
	public void resume() {
		this.paused = false;
		drain();
	}

	@Override
	public boolean isPaused() {
		return this.paused;
	}

	@Override
	public void flush() {
		// counted before it is queued, so the drain loop never sees more markers than the
		// count
		this.flushes.incrementAndGet();
		this.queue.offer(FLUSH);
		drain();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			finish(StreamObservation.CLOSED);
		}
	}

	private void overflow() {
		if (this.closed.compareAndSet(false, true)) {
			logger.warn("Closing the event stream of " + describe() + ": its client does not read fast enough"
					+ (this.paused ? " (or the stream stayed paused)" : "") + " and more than "
					+ this.settings.sendBufferLimit() + " bytes were queued (h3.sse.send-buffer-limit)");
			this.abandoned = true;
			finish(StreamObservation.OVERFLOW);
		}
	}

	private void cancelled() {
		this.cancelled = true;
		if (this.closed.compareAndSet(false, true)) {
			if (logger.isDebugEnabled()) {
				logger.debug("The client of the event stream of " + describe() + " went away");
			}
			finish(StreamObservation.CLIENT_GONE);
		}
		else {
			drain();
		}
	}

	private void finish(String outcome) {
		this.queue.offer(CLOSE);
		this.observation.ended(outcome);
		Disposable beat = this.heartbeat;
		if (beat != null) {
			beat.dispose();
		}
		if (!this.topics.isEmpty()) {
			this.runtime.topicFeeds().unsubscribe(this, List.copyOf(this.topics));
			this.topics.clear();
		}
		if (this.replayLog != null) {
			this.replayLog.release();
		}
		this.runtime.closed(this);
		drain();
		this.closeCallbacks.runAll();
	}

	@Override
	public boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public void onClosed(Runnable callback) {
		this.closeCallbacks.add(callback);
	}

	// resume and topics

	@Override
	public @Nullable String lastEventId() {
		return this.lastEventId;
	}

	@Override
	public void subscribe(String topic) {
		subscribe(List.of(topic));
	}

	@Override
	public void subscribe(Collection<String> topics) {
		TopicFeeds feeds = this.runtime.topicFeeds();
		if (this.closed.get()) {
			return;
		}
		List<String> added = topics.stream().filter(this.topics::add).toList();
		if (added.isEmpty()) {
			return;
		}
		feeds.subscribe(this, added, this.lastEventId);
		if (this.closed.get()) {
			// closed meanwhile, possibly before the topics were registered
			feeds.unsubscribe(this, added);
		}
	}

	@Override
	public void unsubscribe(String topic) {
		if (this.topics.remove(topic)) {
			this.runtime.topicFeeds().unsubscribe(this, List.of(topic));
		}
	}

	// the response

	@Override
	@SuppressWarnings("unchecked")
	public <T> T send() {
		if (!claim()) {
			return (T) this.transport.refuse(alreadySent());
		}
		return (T) this.transport.response(new Frames().map(SseFrame::wire));
	}

	@Override
	public Flux<ServerSentEvent<String>> flux() {
		if (!claim()) {
			return Flux.error(alreadySent());
		}
		return this.transport.events(new Frames().concatMapIterable(SseFrame::events));
	}

	/**
	 * Takes the stream for one response, when {@code send()} or {@code flux()} is called
	 * rather than when the response subscribes, so a second call fails whatever the
	 * timing.
	 */
	private boolean claim() {
		return this.sent.compareAndSet(false, true);
	}

	private static IllegalStateException alreadySent() {
		return new IllegalStateException("This EventStream was already sent: call send() or flux() once per stream");
	}

	private void attach(CoreSubscriber<? super SseFrame> actual) {
		if (this.downstream != null) {
			Operators.error(actual, alreadySent());
			return;
		}
		actual.onSubscribe(new Outlet());
		this.downstream = actual;
		this.observation.opened();
		if (!this.closed.get()) {
			if (!this.runtime.opened(this)) {
				close();
			}
			else if (this.closed.get()) {
				this.runtime.closed(this);
			}
			else {
				startHeartbeat();
			}
		}
		drain();
	}

	private void startHeartbeat() {
		long interval = this.settings.keepAlive().toMillis();
		if (interval > 0) {
			Disposable beat = Schedulers.parallel()
				.schedulePeriodically(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
			this.heartbeat = beat;
			if (this.closed.get()) {
				beat.dispose();
			}
		}
	}

	/**
	 * A comment when nothing else was written since the last beat, so idle streams stay
	 * open.
	 */
	private void heartbeat() {
		if (!this.sentSinceHeartbeat) {
			this.heartbeatDue = true;
			drain();
		}
		this.sentSinceHeartbeat = false;
	}

	// the drain loop

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			CoreSubscriber<? super SseFrame> actual = this.downstream;
			if (this.terminated || this.cancelled) {
				discardQueued();
			}
			else if (actual != null && this.abandoned) {
				discardQueued();
				this.terminated = true;
				actual.onComplete();
			}
			else if (actual != null) {
				emit(actual);
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void emit(CoreSubscriber<? super SseFrame> actual) {
		long demand = this.requested.get();
		long emitted = 0;
		SseFrame start = this.first;
		if (start != null && emitted < demand) {
			this.first = null;
			actual.onNext(start);
			emitted++;
		}
		if (this.heartbeatDue && emitted < demand) {
			this.heartbeatDue = false;
			actual.onNext(SseFrame.HEARTBEAT);
			emitted++;
		}
		boolean wrote = false;
		boolean complete = false;
		int events = 0;
		while (emitted < demand) {
			Object item = this.queue.peek();
			if (item == null) {
				break;
			}
			if (item == CLOSE) {
				complete = true;
				break;
			}
			if (item == FLUSH) {
				this.queue.poll();
				this.flushes.decrementAndGet();
				continue;
			}
			if (this.paused && this.flushes.get() == 0 && !this.closed.get()) {
				break;
			}
			this.queue.poll();
			SseFrame frame = (SseFrame) item;
			this.queuedBytes.addAndGet(-frame.size());
			actual.onNext(frame);
			emitted++;
			wrote = true;
			events += frame.eventCount();
		}
		if (wrote) {
			// the heartbeat itself does not count, or idle streams would beat every other
			// interval
			this.sentSinceHeartbeat = true;
		}
		for (int i = 0; i < events; i++) {
			this.runtime.metrics().eventPushed();
		}
		if (complete) {
			this.terminated = true;
			discardQueued();
			actual.onComplete();
		}
		else if (emitted != 0 && demand != Long.MAX_VALUE) {
			this.requested.addAndGet(-emitted);
		}
	}

	private void discardQueued() {
		for (Object item = this.queue.poll(); item != null; item = this.queue.poll()) {
			if (item instanceof SseFrame frame) {
				this.queuedBytes.addAndGet(-frame.size());
			}
			else if (item == FLUSH) {
				this.flushes.decrementAndGet();
			}
		}
	}

	private String describe() {
		return this.transport.request() + " from " + this.transport.client();
	}

	@Override
	public String toString() {
		return "EventStream[" + this.transport.request() + "]";
	}

	/** The frames, to one subscriber: the response. */
	private final class Frames extends Flux<SseFrame> {

		@Override
		public void subscribe(CoreSubscriber<? super SseFrame> actual) {
			attach(actual);
		}

	}

	private final class Outlet implements Subscription {

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				DefaultEventStream.this.requested.getAndUpdate((current) -> Operators.addCap(current, n));
				drain();
			}
		}

		@Override
		public void cancel() {
			cancelled();
		}

	}

}
