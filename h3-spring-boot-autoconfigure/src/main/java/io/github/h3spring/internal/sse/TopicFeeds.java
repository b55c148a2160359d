package io.github.h3spring.internal.sse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.internal.pubsub.Payload;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.pubsub.TopicSubscriber;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Delivers topic publishes to event streams. Each topic that streams subscribe to has one
 * {@link TopicSubscriber} in the {@link TopicRegistry} (under
 * {@link TopicRegistry#ANY_NAMESPACE}), which encodes each publish once for all its streams
 * and keeps the last ones for clients that reconnect.
 * <p>
 * Topic events are numbered by one sequence for all topics, under one lock, so that every
 * stream receives them in sequence order: a stream's last event id is then its exact
 * position, on one topic or several. Ids read {@code <epoch>-<sequence>}; the epoch, random
 * per runtime, tells ids of an earlier process (or of another instance) apart.
 */
final class TopicFeeds {

	private static final DefaultEventStream[] NO_STREAMS = {};

	private final Object lock = new Object();

	private final TopicRegistry registry;

	private final int replaySize;

	private final long replayTimeToLive;

	private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

	private final Map<String, Feed> feeds = new HashMap<>();

	private long sequence;

	TopicFeeds(TopicRegistry registry, EventStreamSettings settings) {
		this.registry = registry;
		this.replaySize = settings.replayBufferSize();
		this.replayTimeToLive = settings.replayTimeToLive().toMillis();
	}

	/**
	 * Subscribes a stream to topics. When the stream's client reconnected with the id of a
	 * topic event, first queues what it missed on these topics, in sequence order, or a reset
	 * event when that is no longer known.
	 */
	void subscribe(DefaultEventStream stream, Collection<String> topics, @Nullable String lastEventId) {
		synchronized (this.lock) {
			List<Feed> joined = topics.stream().map(this::feed).toList();
			if (lastEventId != null && this.replaySize > 0) {
				resume(stream, joined, lastEventId);
			}
			joined.forEach((feed) -> feed.add(stream));
		}
		stream.deliverOffered();
	}

	void unsubscribe(DefaultEventStream stream, Collection<String> topics) {
		synchronized (this.lock) {
			for (String topic : topics) {
				Feed feed = this.feeds.get(topic);
				if (feed != null) {
					feed.remove(stream);
				}
			}
		}
	}

	private void resume(DefaultEventStream stream, List<Feed> feeds, String lastEventId) {
		long position = position(lastEventId);
		boolean complete = position >= 0 && position <= this.sequence;
		List<Entry> missed = new ArrayList<>();
		for (Feed feed : feeds) {
			complete = complete && position >= feed.coveredFrom;
			feed.replay.stream().filter((entry) -> entry.sequence > position).forEach(missed::add);
		}
		if (!complete) {
			stream.reset(lastEventId, id(this.sequence));
			return;
		}
		missed.sort(Comparator.comparingLong(Entry::sequence));
		missed.forEach((entry) -> stream.offer(entry.frame));
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
		Feed feed = this.feeds.get(topic);
		if (feed == null) {
			feed = new Feed(topic, this.sequence);
			this.feeds.put(topic, feed);
			this.registry.subscribe(TopicRegistry.ANY_NAMESPACE, topic, feed);
		}
		return feed;
	}

	private void expire(Feed feed) {
		synchronized (this.lock) {
			if (feed.streams.length == 0 && this.feeds.get(feed.topic) == feed) {
				this.feeds.remove(feed.topic);
				this.registry.unsubscribe(TopicRegistry.ANY_NAMESPACE, feed.topic, feed);
			}
		}
	}

	private record Entry(long sequence, SseFrame frame) {
	}

	/** One topic's subscriber: its streams and its replay buffer, guarded by the lock. */
	private final class Feed implements TopicSubscriber {

		private final String topic;

		private final ArrayDeque<Entry> replay = new ArrayDeque<>();

		/** Events after this sequence are all in the replay buffer. */
		private long coveredFrom;

		/** Copied on write: publishes iterate it outside the lock. */
		private DefaultEventStream[] streams = NO_STREAMS;

		private @Nullable Disposable expiry;

		Feed(String topic, long coveredFrom) {
			this.topic = topic;
			this.coveredFrom = coveredFrom;
		}

		@Override
		public void deliver(Payload payload) {
			String data = payload.isBinary() ? Base64.getEncoder().encodeToString(payload.bytes()) : payload.text();
			DefaultEventStream[] targets;
			synchronized (TopicFeeds.this.lock) {
				long sequence = ++TopicFeeds.this.sequence;
				SseFrame frame = SseFrame.data((TopicFeeds.this.replaySize > 0) ? id(sequence) : null, data);
				record(sequence, frame);
				targets = this.streams;
				for (DefaultEventStream stream : targets) {
					stream.offer(frame);
				}
			}
			for (DefaultEventStream stream : targets) {
				stream.deliverOffered();
			}
		}

		private void record(long sequence, SseFrame frame) {
			if (TopicFeeds.this.replaySize == 0) {
				return;
			}
			if (this.replay.size() == TopicFeeds.this.replaySize) {
				this.coveredFrom = this.replay.removeFirst().sequence;
			}
			this.replay.addLast(new Entry(sequence, frame));
		}

		void add(DefaultEventStream stream) {
			if (this.expiry != null) {
				this.expiry.dispose();
				this.expiry = null;
			}
			DefaultEventStream[] grown = Arrays.copyOf(this.streams, this.streams.length + 1);
			grown[this.streams.length] = stream;
			this.streams = grown;
		}

		void remove(DefaultEventStream stream) {
			int index = Arrays.asList(this.streams).indexOf(stream);
			if (index < 0) {
				return;
			}
			DefaultEventStream[] shrunk = new DefaultEventStream[this.streams.length - 1];
			System.arraycopy(this.streams, 0, shrunk, 0, index);
			System.arraycopy(this.streams, index + 1, shrunk, index, shrunk.length - index);
			this.streams = shrunk;
			if (shrunk.length == 0) {
				// kept a while with its replay buffer, for the client that reconnects
				long linger = (TopicFeeds.this.replaySize > 0) ? TopicFeeds.this.replayTimeToLive : 0;
				this.expiry = Schedulers.parallel().schedule(() -> expire(this), linger, TimeUnit.MILLISECONDS);
			}
		}

	}

}
