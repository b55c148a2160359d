package io.github.h3spring.internal.pubsub.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import io.github.h3spring.internal.pubsub.backplane.BackplaneConfigurationException;
import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.internal.pubsub.backplane.BackplaneSettings;
import io.github.h3spring.internal.pubsub.backplane.LogCursor;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.ReactiveStreamOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializationContext;

/**
 * A backplane over Redis. Each publish is appended to a capped stream (the replay log)
 * and published on the channel with its stream id, atomically, by one script; a
 * subscriber delivers live messages in stream order and, after a reconnection, reads the
 * stream from the last id it delivered. Reconnection itself is Lettuce's: it
 * re-subscribes, and this driver replays what the subscription missed.
 * <p>
 * The stream is trimmed with {@code XADD ... MINID}, which Redis 6.2 brought: each
 * connection checks the server's version first, so that an older server is a clear
 * configuration error rather than a publish that fails for ever. An error reply of the
 * server is permanent unless it says that the server is busy, loading, out of memory or
 * read-only for a while.
 */
public final class RedisSyncDriver extends BackplaneDriver {

	private static final int REPLAY_PAGE = 512;

	private static final int[] MINIMUM_VERSION = { 6, 2 };

	/** Error codes that mean "not now" rather than "never". */
	private static final Pattern TRANSIENT_REPLY = Pattern
		.compile("\\b(BUSY|LOADING|OOM|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|max number of clients)\\b");

	// ARGV: channel, replay window in ms, envelopes... Entries older than the window are
	// trimmed.
	private static final RedisScript<Long> PUBLISH = RedisScript.of(
			"""
					local now = redis.call('TIME')
					local oldest = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[2]))
					for i = 3, #ARGV do
						local id = redis.call('XADD', KEYS[1], 'MINID', '~', oldest, '*', 'e', ARGV[i])
						redis.call('PUBLISH', ARGV[1], id .. ' ' .. ARGV[i])
					end
					redis.call('PEXPIRE', KEYS[1], ARGV[2])
					return #ARGV - 2
					""",
			Long.class);

	private final LettuceConnectionFactory connectionFactory;

	private final ReactiveRedisTemplate<byte[], byte[]> redis;

	private final byte[] channel;

	private final byte[] log;

	private final byte[] window;

	private final LogCursor<StreamPosition> cursor = new LogCursor<>(this::received);

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscription;

	public RedisSyncDriver(LettuceConnectionFactory connectionFactory, BackplaneSettings settings) {
		super(settings);
		this.connectionFactory = connectionFactory;
		this.redis = new ReactiveRedisTemplate<>(connectionFactory, RedisSerializationContext.byteArray());
		this.channel = bytes(settings.channel());
		this.log = bytes(settings.channel() + ":log");
		this.window = bytes(Long.toString(settings.replayWindow().toMillis()));
	}

	@Override
	public String describe() {
		return "Redis";
	}

	@Override
	protected Mono<Void> connect() {
		return checkVersion().then(this.cursor.catchUp(newest(), Mono.defer(this::subscribe), this::replay));
	}

	@Override
	protected boolean isPermanent(Throwable error) {
		if (super.isPermanent(error)) {
			return true;
		}
		if (causedBy(error, RedisConnectionException.class) != null) {
			return false;
		}
		RedisCommandExecutionException reply = causedBy(error, RedisCommandExecutionException.class);
		return reply != null && isPermanentReply(reply.getMessage());
	}

	static boolean isPermanentReply(@Nullable String reply) {
		return reply != null && !TRANSIENT_REPLY.matcher(reply).find();
	}

	private Mono<Void> checkVersion() {
		return this.redis.execute((connection) -> connection.serverCommands().info("server"))
			.next()
			// INFO may be denied by an ACL: the check is a courtesy, not a requirement.
			.onErrorResume(RuntimeException.class, (ex) -> {
				this.logger.debug("Could not read the Redis server's version", ex);
				return Mono.empty();
			})
			.flatMap((info) -> {
				BackplaneConfigurationException unsupported = unsupported(info);
				return (unsupported != null) ? Mono.error(unsupported) : Mono.empty();
			});
	}

	/**
	 * Checks the output of {@code INFO server}: from a cluster, every node's (Spring Data
	 * prefixes their keys with the node).
	 * @param info the properties
	 * @return the failure when a server is older than 6.2, {@code null} otherwise
	 */
	static @Nullable BackplaneConfigurationException unsupported(Properties info) {
		for (String key : info.stringPropertyNames()) {
			if (key.equals("redis_version") || key.endsWith(".redis_version")) {
				String version = info.getProperty(key).trim();
				if (isOlder(version, MINIMUM_VERSION)) {
					return new BackplaneConfigurationException("The Redis server is version " + version
							+ ": the backplane trims its replay log with XADD ... MINID, which needs Redis 6.2 or later.",
							"Upgrade Redis to 6.2 or later, or choose another backplane: h3.pubsub.sync=postgres, or a "
									+ "SyncDriver bean of the application's own.");
				}
			}
		}
		return null;
	}

	private static boolean isOlder(String version, int[] minimum) {
		String[] parts = version.split("\\.");
		for (int i = 0; i < minimum.length; i++) {
			int part;
			try {
				part = (i < parts.length) ? Integer.parseInt(parts[i]) : 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
			if (part != minimum[i]) {
				return part < minimum[i];
			}
		}
		return false;
	}

	private Mono<StreamPosition> newest() {
		return this.redis.opsForStream()
			.reverseRange(this.log, Range.unbounded(), Limit.limit().count(1))
			.next()
			.map((record) -> StreamPosition.parse(record.getId().getValue()))
			.defaultIfEmpty(new StreamPosition(0, 0));
	}

	private Mono<Void> subscribe() {
		return subscription().flatMap((connection) -> connection.reactive().subscribe(this.channel));
	}

	private Mono<StatefulRedisPubSubConnection<byte[], byte[]>> subscription() {
		StatefulRedisPubSubConnection<byte[], byte[]> existing = this.subscription;
		if (existing != null && existing.isOpen()) {
			return Mono.just(existing);
		}
		return Mono.fromCallable(this::openSubscription).subscribeOn(Schedulers.boundedElastic());
	}

	private StatefulRedisPubSubConnection<byte[], byte[]> openSubscription() {
		StatefulRedisPubSubConnection<byte[], byte[]> stale = this.subscription;
		this.subscription = null;
		if (stale != null) {
			// Lettuce would reconnect it too: one subscription is enough.
			stale.closeAsync();
		}
		AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
		StatefulRedisPubSubConnection<byte[], byte[]> connection = (client instanceof RedisClusterClient cluster)
				? cluster.connectPubSub(ByteArrayCodec.INSTANCE)
				: ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
		connection.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] channel, byte[] message) {
				onMessage(message);
			}
		});
		connection.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
				if (RedisSyncDriver.this.subscription == connection) {
					// Lettuce re-subscribes by itself, but what was published meanwhile
					// is only in the log.
					RedisSyncDriver.this.cursor.lost();
					connectionLost(new IllegalStateException("Redis subscription connection closed"));
				}
			}
		});
		this.subscription = connection;
		return connection;
	}

	private void onMessage(byte[] message) {
		int space = indexOf(message, (byte) ' ');
		if (space < 0) {
			this.logger.warn("Ignored a message without stream id on Redis channel '" + settings().channel() + "'");
			return;
		}
		StreamPosition position = StreamPosition.parse(new String(message, 0, space, StandardCharsets.US_ASCII));
		this.cursor.live(position, Arrays.copyOfRange(message, space + 1, message.length));
	}

	private Mono<Void> replay(StreamPosition from) {
		ReactiveStreamOperations<byte[], byte[], byte[]> streams = this.redis.opsForStream();
		return page(streams, from).expand((records) -> (records.size() < REPLAY_PAGE) ? Mono.empty()
				: page(streams, position(records.get(records.size() - 1))))
			.then();
	}

	private Mono<List<MapRecord<byte[], byte[], byte[]>>> page(ReactiveStreamOperations<byte[], byte[], byte[]> streams,
			StreamPosition from) {
		// Inclusive start: the cursor drops the entry it already delivered.
		return streams
			.range(this.log, Range.rightUnbounded(Range.Bound.inclusive(from.toString())),
					Limit.limit().count(REPLAY_PAGE))
			.doOnNext((record) -> record.getValue()
				.values()
				.forEach((envelope) -> this.cursor.replayed(position(record), envelope)))
			.collectList();
	}

	private static StreamPosition position(MapRecord<byte[], byte[], byte[]> record) {
		return StreamPosition.parse(record.getId().getValue());
	}

	@Override
	protected Mono<Void> send(List<byte[]> envelopes) {
		List<byte[]> args = new ArrayList<>(envelopes.size() + 2);
		args.add(this.channel);
		args.add(this.window);
		args.addAll(envelopes);
		return this.redis.execute(PUBLISH, List.of(this.log), args).then();
	}

	@Override
	protected void disconnect() {
		StatefulRedisPubSubConnection<byte[], byte[]> connection = this.subscription;
		if (connection != null) {
			connection.close();
		}
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
