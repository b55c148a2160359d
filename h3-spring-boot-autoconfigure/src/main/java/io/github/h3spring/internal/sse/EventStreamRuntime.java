package io.github.h3spring.internal.sse;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.h3spring.internal.metrics.SseMetrics;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.pubsub.Origins;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * What every event stream of an application shares: the settings, the topic feeds, the
 * replay logs and the open streams, which it completes when the application shuts down. A
 * bean of the auto-configuration; a stream finds it through the application context of
 * its request.
 */
public final class EventStreamRuntime implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EventStreamRuntime.class);

	/**
	 * Stops before the web server's graceful shutdown (at {@code DEFAULT_PHASE - 1024}),
	 * which waits for open responses: completing the streams first lets it finish
	 * promptly.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private final EventStreamSettings settings;

	private final @Nullable TopicFeeds topicFeeds;

	private final ReplayLogs replayLogs;

	private final SseMetrics metrics;

	private final H3Observations observations;

	private final Set<DefaultEventStream> open = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * A runtime whose topic events are numbered by an instance of its own: for an
	 * application without a backplane, and for tests.
	 */
	public EventStreamRuntime(EventStreamSettings settings, @Nullable TopicRegistry topics, SseMetrics metrics,
			H3Observations observations) {
		this(settings, topics, new Origins(UUID.randomUUID(), Duration.ofMinutes(1)), metrics, observations);
	}

	public EventStreamRuntime(EventStreamSettings settings, @Nullable TopicRegistry topics, Origins origins,
			SseMetrics metrics, H3Observations observations) {
		this.settings = settings;
		this.topicFeeds = (topics != null) ? new TopicFeeds(topics, origins, settings) : null;
		this.replayLogs = new ReplayLogs(settings);
		this.metrics = metrics;
		this.observations = observations;
	}

	/**
	 * The runtime of a request's application, or a private one with default settings and
	 * no topics when the request has no application context with the auto-configuration.
	 * @param context the application context of the request
	 * @return the runtime
	 */
	public static EventStreamRuntime of(@Nullable ApplicationContext context) {
		EventStreamRuntime runtime = (context != null) ? context.getBeanProvider(EventStreamRuntime.class).getIfUnique()
				: null;
		return (runtime != null) ? runtime
				: new EventStreamRuntime(EventStreamSettings.DEFAULTS, null, SseMetrics.NONE, H3Observations.NONE);
	}

	public EventStreamSettings settings() {
		return this.settings;
	}

	TopicFeeds topicFeeds() {
		if (this.topicFeeds == null) {
			throw new IllegalStateException(
					"EventStream.subscribe needs the h3 auto-configuration (its topic registry), "
							+ "which is not active for this request");
		}
		return this.topicFeeds;
	}

	ReplayLogs replayLogs() {
		return this.replayLogs;
	}

	SseMetrics metrics() {
		return this.metrics;
	}

	H3Observations observations() {
		return this.observations;
	}

	/** Tracks a stream whose response has started; {@code false} once shutting down. */
	boolean opened(DefaultEventStream stream) {
		this.open.add(stream);
		if (this.stopped) {
			this.open.remove(stream);
			return false;
		}
		this.metrics.streamOpened();
		return true;
	}

	/** How many streams have a response in progress. */
	public int openStreamCount() {
		return this.open.size();
	}

	/** Forgets a stream, counted closed if it was tracked as open. */
	void closed(DefaultEventStream stream) {
		if (this.open.remove(stream)) {
			this.metrics.streamClosed();
		}
	}

	@Override
	public void start() {
		this.stopped = false;
		this.running = true;
	}

	@Override
	public void stop() {
		this.stopped = true;
		this.running = false;
		List<DefaultEventStream> streams = List.copyOf(this.open);
		if (!streams.isEmpty()) {
			logger.info("Completing " + streams.size() + " open event stream(s) for shutdown");
		}
		streams.forEach(DefaultEventStream::close);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
