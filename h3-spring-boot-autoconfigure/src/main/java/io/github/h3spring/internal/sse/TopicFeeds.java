package io.github.h3spring.internal.sse;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.h3spring.internal.pubsub.Origins;
import io.github.h3spring.internal.pubsub.Origins.Origin;
import io.github.h3spring.internal.pubsub.Payload;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.pubsub.TopicSubscriber;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Delivers topic publishes to event streams. Each topic that streams subscribe to has one
 * feed, a {@link TopicSubscriber} in the {@link TopicRegistry} (under
 * {@link TopicRegistry#ANY_NAMESPACE}), which encodes each publish once for all its
 * streams and keeps the last ones for clients that reconnect.
 * <p>
 * Topic events are numbered by one sequence for all topics and every stream receives them
 * in sequence order. An event's id is not that number, which is this instance's own, but
 * the instance's {@link Origins position} after it: for each publishing instance, the
 * last of its publishes delivered here. Each instance delivers one origin's publishes in
 * its order, so the events a stream had before an id are, on any instance, those whose
 * number is at most the id's entry for their origin: a client that reconnects, here or to
 * another instance, gets the buffered events of its topics above those entries, in this
 * instance's order. An origin the id does not name had published nothing that had reached
 * the client's instance: all its events are missed. The id is the same for every stream
 * of a publish, so the frame is still encoded once.
 * <p>
 * The resume is a reset (an {@code h3-reset} event) unless every feed of the stream has
 * every event after the id's entry of each origin: none was evicted, none came before the
 * feed (a feed has what arrived after its creation), and the origin is known here. An
 * origin that the id does not name must be complete from its first publish. An instance
 * whose backplane is behind the client's (it has not delivered all the id names yet)
 * skips, for that stream, the events the client had, and gives the stream's next ids the
 * id's entries until it catches up, the only case where a stream's frame is encoded for
 * it alone.
 * <p>
 * Why a position rather than one shared counter, such as the backplane's log ids: those
 * exist only for publishes that reached the server, in an order that the instances learn
 * later than they deliver locally; the origin numbers travel with every publish, need no
 * round trip, and stay short with the few instances that publish at a time.
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

	private final Origins origins;

	private final AtomicLong feedCount = new AtomicLong();

	private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

	private final Map<DefaultEventStream, Reader> readers = new ConcurrentHashMap<>();

	TopicFeeds(TopicRegistry registry, Origins origins, EventStreamSettings settings) {
		this.registry = registry;
		this.origins = origins;
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
		Map<String, Long> position = Origins.parsePosition(lastEventId);
		Map<String, Origin> known = this.origins.known();
		if (position == null || !covered(position, known, feeds)) {
			// in sequence order too: after the events of the stream's other feeds up to
			// here
			Origins.Passage now = this.origins.now();
			reader.hold(new Entry(now.sequence(), null, null, 0, null, lastEventId, now.position()));
			return;
		}
		reader.ahead = ahead(position);
		for (Feed feed : feeds) {
			feed.replay.stream().filter((entry) -> missed(entry, position, known)).forEach(reader::hold);
		}
	}

	/**
	 * The entries of a position beyond this instance's, whose backplane has not delivered
	 * all that the client's instance had: {@code null} when there are none.
	 */
	private @Nullable Map<String, Long> ahead(Map<String, Long> position) {
		Map<String, Long> here = this.origins.delivered();
		Map<String, Long> ahead = new HashMap<>(position);
		ahead.entrySet().removeIf((entry) -> entry.getValue() <= here.getOrDefault(entry.getKey(), 0L));
		return ahead.isEmpty() ? null : ahead;
	}

	/**
	 * Whether the feeds have every event after the position: of each origin it names
	 * after its entry, of each other origin known here from its first.
	 */
	private static boolean covered(Map<String, Long> position, Map<String, Origin> known, List<Feed> feeds) {
		for (Map.Entry<String, Long> entry : position.entrySet()) {
			Origin origin = known.get(entry.getKey());
			if (origin == null || !covered(origin, entry.getValue(), feeds)) {
				return false;
			}
		}
		for (Origin origin : known.values()) {
			if (!position.containsKey(origin.key()) && !covered(origin, 0, feeds)) {
				return false;
			}
		}
		return true;
	}

	private static boolean covered(Origin origin, long after, List<Feed> feeds) {
		for (Feed feed : feeds) {
			if (feed.coveredFrom(origin) > after) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the client of that position misses the event: it is above the position's
	 * entry for its origin, or the position does not name its origin, which is still
	 * known here. Events of an origin forgotten here are older than any client.
	 */
	private static boolean missed(Entry entry, Map<String, Long> position, Map<String, Origin> known) {
		Origin origin = entry.origin;
		if (origin == null) {
			return false;
		}
		Long passed = position.get(origin.key());
		return (passed != null) ? entry.number > passed : known.get(origin.key()) == origin;
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

	private Feed feed(String topic) {
		return this.feeds.computeIfAbsent(topic, (key) -> {
			Feed feed = new Feed(key, this.feedCount.incrementAndGet());
			this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, key, feed);
			// after subscribing: what arrived before now did not reach the feed, what
			// arrives after does
			feed.created(this.origins.heard());
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
	 * A topic event of a feed, its origin and its number there, or, with a
	 * {@code resetOf} instead of a frame, the reset of a resume that could not be served,
	 * with its own id: it takes its place in sequence order as well.
	 */
	private record Entry(long sequence, @Nullable Feed feed, @Nullable Origin origin, long number,
			@Nullable SseFrame frame, @Nullable String resetOf, @Nullable String resetId) {

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

		/**
		 * The last number of each origin that arrived before the feed: the feed has the
		 * events after it. Origins not in it arrived later, from their first number that
		 * arrived here.
		 */
		private Map<String, Long> heardBefore = Map.of();

		/** The last number of each origin evicted from the replay buffer. */
		private final Map<String, Long> evicted = new HashMap<>();

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

		Feed(String topic, long order) {
			this.topic = topic;
			this.order = order;
		}

		void created(Map<String, Long> heardBefore) {
			this.lock.lock();
			try {
				this.heardBefore = heardBefore;
			}
			finally {
				this.lock.unlock();
			}
		}

		/**
		 * Under the lock: the number after which the replay buffer has every event of an
		 * origin that arrived here.
		 */
		long coveredFrom(Origin origin) {
			Long before = this.heardBefore.get(origin.key());
			long arrived = (before != null) ? before : origin.from();
			return Math.max(arrived, this.evicted.getOrDefault(origin.key(), 0L));
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
				boolean resumable = TopicFeeds.this.replaySize > 0;
				Origins.Passage passage = TopicFeeds.this.origins.pass(payload.origin(), payload.number(), resumable);
				this.publishing = passage.sequence();
				SseFrame frame = SseFrame.data(passage.position(), data);
				Entry entry = new Entry(passage.sequence(), this, passage.origin(), passage.number(), frame, null,
						null);
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
			Reader[] offered = targets;
			payload.afterFanOut(() -> {
				for (Reader reader : offered) {
					reader.releaseIfHolding();
					reader.stream.deliverOffered();
				}
			});
		}

		private void record(Entry entry) {
			if (TopicFeeds.this.replaySize == 0) {
				return;
			}
			if (this.replay.size() == TopicFeeds.this.replaySize) {
				Entry oldest = this.replay.removeFirst();
				if (oldest.origin != null) {
					this.evicted.put(oldest.origin.key(), oldest.number);
				}
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

		/**
		 * After a resume from a position ahead of this instance's: for each origin that
		 * this instance has not caught up with, the number up to which the client has its
		 * events. Until it has, the stream skips those events and its ids carry these
		 * numbers too, so a client never resumes behind what it had.
		 */
		private @Nullable Map<String, Long> ahead;

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
				SseFrame frame = (this.ahead != null) ? catchUp(entry, entry.frame, this.ahead) : entry.frame;
				if (frame != null) {
					this.stream.offer(frame);
				}
			}
			else if (entry.resetOf != null) {
				this.stream.reset(entry.resetOf, entry.resetId);
			}
		}

		/**
		 * The frame of an event for a client ahead of this instance, with an id that does
		 * not go back; {@code null} when the client had the event.
		 */
		private @Nullable SseFrame catchUp(Entry entry, SseFrame frame, Map<String, Long> ahead) {
			Origin origin = entry.origin;
			Long had = (origin != null) ? ahead.get(origin.key()) : null;
			if (origin != null && had != null) {
				if (entry.number <= had) {
					return null;
				}
				ahead.remove(origin.key());
			}
			if (ahead.isEmpty()) {
				this.ahead = null;
				return frame;
			}
			ServerSentEvent<String> event = frame.events().get(0);
			Map<String, Long> position = (event.id() != null) ? Origins.parsePosition(event.id()) : null;
			if (position == null || event.data() == null) {
				return frame;
			}
			ahead.forEach((key, number) -> position.merge(key, number, Math::max));
			return SseFrame.data(Origins.encodePosition(position), event.data());
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
