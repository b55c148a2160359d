package io.github.h3spring.internal.sse;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.h3spring.internal.pubsub.Payload;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.pubsub.TopicSubscriber;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Delivers topic publishes to event streams. Each topic that streams subscribe to has one
 * feed, a {@link TopicSubscriber} in the {@link TopicRegistry} (under
 * {@link TopicRegistry#ANY_NAMESPACE}), which encodes each publish once for all its
 * streams and keeps the last ones for clients that reconnect.
 * <p>
 * Topic events are numbered by one sequence for all topics and every stream receives them
 * in sequence order: a stream's last event id is then its exact position, on one topic or
 * several. Ids read {@code <epoch>-<sequence>}; the epoch, random per runtime, tells ids
 * of an earlier process (or of another instance) apart.
 * <p>
 * Each feed has a lock of its own, under which it takes the next number and queues the
 * event for its streams, so publishes to different topics never wait for each other. Two
 * of them may then reach a stream subscribed to both out of sequence order, and a client
 * that left in between would resume past an event it never had. So each stream has a
 * reader that holds an event back while another feed of the stream is publishing an
 * earlier one, or is taking a number it does not know yet; that feed lets the held events
 * through when it is done. A stream on one topic holds nothing, and the publisher that a
 * held event waits for never blocks: it only queues.
 * <p>
 * Locks are taken feeds first (in creation order when a subscription joins several), then
 * readers; nothing that writes to a response runs under them.
 */
final class TopicFeeds {

	/** A feed's {@link Feed#publishing} while it is not publishing. */
	private static final long IDLE = Long.MAX_VALUE;

	/**
	 * A feed's {@link Feed#publishing} while it takes a number: lower than any event's.
	 */
	private static final long NUMBERING = 0;

	private static final Reader[] NO_READERS = {};

	private static final Feed[] NO_FEEDS = {};

	/** By number; a reset after the event that has the same one. */
	private static final Comparator<Entry> SEQUENCE_ORDER = Comparator.comparingLong(Entry::sequence)
		.thenComparing(Entry::isReset);

	private final TopicRegistry registry;

	private final int replaySize;

	private final long replayTimeToLive;

	private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong feedCount = new AtomicLong();

	private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

	private final Map<DefaultEventStream, Reader> readers = new ConcurrentHashMap<>();

	TopicFeeds(TopicRegistry registry, EventStreamSettings settings) {
		this.registry = registry;
		this.replaySize = settings.replayBufferSize();
		this.replayTimeToLive = settings.replayTimeToLive().toMillis();
	}

	/**
	 * Subscribes a stream to topics. When the stream's client reconnected with the id of
	 * a topic event, first queues what it missed on these topics, in sequence order, or a
	 * reset event when that is no longer known.
	 */
	void subscribe(DefaultEventStream stream, Collection<String> topics, @Nullable String lastEventId) {
		if (topics.isEmpty()) {
			return;
		}
		String resumeFrom = (this.replaySize > 0) ? lastEventId : null;
		while (!join(stream, topics, resumeFrom)) {
			// a feed expired or the stream's reader retired meanwhile: join their
			// successors
		}
		stream.deliverOffered();
	}

	private boolean join(DefaultEventStream stream, Collection<String> topics, @Nullable String lastEventId) {
		Reader reader = this.readers.computeIfAbsent(stream, Reader::new);
		List<Feed> joined = topics.stream()
			.distinct()
			.map(this::feed)
			.sorted(Comparator.comparingLong(Feed::order))
			.toList();
		joined.forEach((feed) -> feed.lock.lock());
		try {
			if (joined.stream().anyMatch((feed) -> feed.expired)) {
				return false;
			}
			synchronized (reader) {
				if (reader.retired) {
					return false;
				}
				for (Feed feed : joined) {
					feed.add(reader);
					reader.add(feed);
				}
				if (lastEventId != null) {
					resume(reader, joined, lastEventId);
					reader.release();
				}
			}
			return true;
		}
		finally {
			for (int i = joined.size() - 1; i >= 0; i--) {
				joined.get(i).lock.unlock();
			}
		}
	}

	/** Holds what the reader missed on feeds whose locks are held, or a reset. */
	private void resume(Reader reader, List<Feed> feeds, String lastEventId) {
		long position = position(lastEventId);
		long current = this.sequence.get();
		boolean complete = position >= 0 && position <= current;
		for (Feed feed : feeds) {
			complete = complete && position >= feed.coveredFrom;
		}
		if (!complete) {
			// in sequence order too: after the events of the stream's other feeds up to
			// here
			reader.hold(new Entry(current, null, null, lastEventId));
			return;
		}
		for (Feed feed : feeds) {
			feed.replay.stream().filter((entry) -> entry.sequence > position).forEach(reader::hold);
		}
	}

	void unsubscribe(DefaultEventStream stream, Collection<String> topics) {
		Reader reader = this.readers.get(stream);
		if (reader == null) {
			return;
		}
		for (String topic : topics) {
			Feed feed = this.feeds.get(topic);
			if (feed != null) {
				feed.remove(reader);
			}
		}
		// events held for a feed it left may have been let through
		stream.deliverOffered();
	}

	/** The sequence of an id of this runtime, or -1. */
	private long position(String id) {
		int dash = id.lastIndexOf('-');
		if (dash < 0 || !id.regionMatches(0, this.epoch, 0, dash) || dash != this.epoch.length()) {
			return -1;
		}
		try {
			return Long.parseLong(id, dash + 1, id.length(), 10);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private String id(long sequence) {
		return this.epoch + "-" + sequence;
	}

	private Feed feed(String topic) {
		return this.feeds.computeIfAbsent(topic, (key) -> {
			Feed feed = new Feed(key, this.feedCount.incrementAndGet(), this.sequence.get());
			this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, key, feed);
			return feed;
		});
	}

	private void expire(Feed feed) {
		feed.lock.lock();
		try {
			if (feed.readers.length == 0 && !feed.expired) {
				feed.expired = true;
				this.feeds.remove(feed.topic, feed);
				this.registry.unsubscribe(TopicRegistry.ANY_NAMESPACE, feed.topic, feed);
			}
		}
		finally {
			feed.lock.unlock();
		}
	}

	private static <T> T[] with(T[] elements, T element) {
		T[] grown = Arrays.copyOf(elements, elements.length + 1);
		grown[elements.length] = element;
		return grown;
	}

	/**
	 * The elements without one occurrence of the element, or the same array if it holds
	 * none.
	 */
	private static <T> T[] without(T[] elements, T element) {
		int index = Arrays.asList(elements).indexOf(element);
		if (index < 0) {
			return elements;
		}
		T[] shrunk = Arrays.copyOf(elements, elements.length - 1);
		System.arraycopy(elements, index + 1, shrunk, index, shrunk.length - index);
		return shrunk;
	}

	/**
	 * A topic event of a feed or, with a {@code resetOf} instead of a frame, the reset of
	 * a resume that could not be served, which takes its place in sequence order as well.
	 */
	private record Entry(long sequence, @Nullable Feed feed, @Nullable SseFrame frame, @Nullable String resetOf) {

		boolean isReset() {
			return this.frame == null;
		}

	}

	/** One topic's subscriber: its readers and its replay buffer, guarded by its lock. */
	private final class Feed implements TopicSubscriber {

		private final String topic;

		/**
		 * Creation order: subscriptions that join several feeds lock them in this order.
		 */
		private final long order;

		private final ReentrantLock lock = new ReentrantLock();

		private final ArrayDeque<Entry> replay = new ArrayDeque<>();

		/** Events after this sequence are all in the replay buffer. */
		private long coveredFrom;

		/** Copied on write: publishes iterate it outside the lock. */
		private Reader[] readers = NO_READERS;

		/**
		 * Left the registry: a subscription that finds it expired joins its successor.
		 */
		private boolean expired;

		private @Nullable Disposable expiry;

		/**
		 * {@link #IDLE}, {@link #NUMBERING}, or the sequence of the event being queued:
		 * what the readers of the feed's streams check before they let an event of
		 * another feed through.
		 */
		private volatile long publishing = IDLE;

		Feed(String topic, long order, long coveredFrom) {
			this.topic = topic;
			this.order = order;
			this.coveredFrom = coveredFrom;
		}

		long order() {
			return this.order;
		}

		@Override
		public void deliver(Payload payload) {
			String data = payload.isBinary() ? Base64.getEncoder().encodeToString(payload.bytes()) : payload.text();
			Reader[] targets;
			this.lock.lock();
			try {
				// a reader that checks before the number is known holds back
				this.publishing = NUMBERING;
				long sequence = TopicFeeds.this.sequence.incrementAndGet();
				this.publishing = sequence;
				SseFrame frame = SseFrame.data((TopicFeeds.this.replaySize > 0) ? id(sequence) : null, data);
				Entry entry = new Entry(sequence, this, frame, null);
				record(entry);
				targets = this.readers;
				for (Reader reader : targets) {
					reader.offer(entry);
				}
			}
			finally {
				this.publishing = IDLE;
				this.lock.unlock();
			}
			for (Reader reader : targets) {
				reader.releaseIfHolding();
				reader.stream.deliverOffered();
			}
		}

		private void record(Entry entry) {
			if (TopicFeeds.this.replaySize == 0) {
				return;
			}
			if (this.replay.size() == TopicFeeds.this.replaySize) {
				this.coveredFrom = this.replay.removeFirst().sequence;
			}
			this.replay.addLast(entry);
		}

		/** Under the lock. */
		void add(Reader reader) {
			if (this.expiry != null) {
				this.expiry.dispose();
				this.expiry = null;
			}
			this.readers = with(this.readers, reader);
		}

		void remove(Reader reader) {
			this.lock.lock();
			try {
				Reader[] shrunk = without(this.readers, reader);
				if (shrunk == this.readers) {
					return;
				}
				this.readers = shrunk;
				reader.remove(this);
				if (shrunk.length == 0) {
					// kept a while with its replay buffer, for the client that reconnects
					long linger = (TopicFeeds.this.replaySize > 0) ? TopicFeeds.this.replayTimeToLive : 0;
					this.expiry = Schedulers.parallel().schedule(() -> expire(this), linger, TimeUnit.MILLISECONDS);
				}
			}
			finally {
				this.lock.unlock();
			}
		}

	}

	/**
	 * A stream's side of its feeds: lets their events into the stream in sequence order,
	 * holding back those that an event of another of its feeds might still precede.
	 * Guarded by its monitor, taken after the feeds' locks.
	 */
	private final class Reader {

		private final DefaultEventStream stream;

		private final PriorityQueue<Entry> held = new PriorityQueue<>(SEQUENCE_ORDER);

		private Feed[] feeds = NO_FEEDS;

		/**
		 * Left its last feed and the map: a subscription that finds it retired takes a
		 * new one.
		 */
		private boolean retired;

		/**
		 * Set before the other feeds are checked, read by a feed after it stopped
		 * publishing: either the reader sees that feed idle, or the feed sees the reader
		 * holding.
		 */
		private volatile boolean holding;

		Reader(DefaultEventStream stream) {
			this.stream = stream;
		}

		synchronized void offer(Entry entry) {
			if (this.held.isEmpty() && isNext(entry)) {
				queue(entry);
				return;
			}
			hold(entry);
			release();
		}

		/** Under the monitor. */
		void hold(Entry entry) {
			this.held.add(entry);
			this.holding = true;
		}

		void releaseIfHolding() {
			if (this.holding) {
				synchronized (this) {
					release();
				}
			}
		}

		/**
		 * Under the monitor: queues, in sequence order, the held events that nothing can
		 * precede any more.
		 */
		void release() {
			for (Entry next = this.held.peek(); next != null && isNext(next); next = this.held.peek()) {
				this.held.poll();
				queue(next);
			}
			this.holding = !this.held.isEmpty();
		}

		private void queue(Entry entry) {
			if (entry.frame != null) {
				this.stream.offer(entry.frame);
			}
			else if (entry.resetOf != null) {
				this.stream.reset(entry.resetOf, id(entry.sequence));
			}
		}

		/**
		 * Whether no other feed of the stream can still queue an earlier event: each is
		 * idle or publishing a later one. An idle feed has queued all it numbered, and
		 * numbers it takes from now on are higher.
		 */
		private boolean isNext(Entry entry) {
			for (Feed feed : this.feeds) {
				if (feed != entry.feed && feed.publishing <= entry.sequence) {
					return false;
				}
			}
			return true;
		}

		/** Under the monitor. */
		void add(Feed feed) {
			this.feeds = with(this.feeds, feed);
		}

		synchronized void remove(Feed feed) {
			this.feeds = without(this.feeds, feed);
			release();
			if (this.feeds.length == 0) {
				this.retired = true;
				TopicFeeds.this.readers.remove(this.stream, this);
			}
		}

	}

}
