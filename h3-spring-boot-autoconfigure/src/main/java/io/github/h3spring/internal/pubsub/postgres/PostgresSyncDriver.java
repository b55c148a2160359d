package io.github.h3spring.internal.pubsub.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.h3spring.internal.pubsub.backplane.BackplaneConfigurationException;
import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.internal.pubsub.backplane.BackplaneSettings;
import io.github.h3spring.internal.pubsub.backplane.LogCursor;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A backplane over PostgreSQL {@code LISTEN/NOTIFY} with r2dbc-postgresql. Each publish
 * is a row of the {@code h3_pubsub_log} table (the replay log) and a notification
 * carrying its id and, when it fits NOTIFY's 8000-byte limit, the envelope itself; larger
 * envelopes are read from the table by id. A publishing transaction holds an advisory
 * lock per channel, so row ids grow in commit order, the order notifications arrive in:
 * after a reconnection the listener reads the rows past the last id it delivered. Rows
 * older than the replay window are deleted.
 * <p>
 * Two dedicated connections, outside any pool: one listens, one publishes.
 * <p>
 * A channel is an identifier: at most 63 bytes, which the constructor checks, since a
 * longer one is silently truncated by {@code LISTEN} and refused by {@code pg_notify}. An
 * error of the server is permanent when its SQLSTATE says the statement itself is wrong
 * (a data exception, a syntax or access rule, a missing privilege), except for a missing
 * log table or function, which the next connection creates again.
 */
public final class PostgresSyncDriver extends BackplaneDriver {

	/**
	 * PostgreSQL's identifiers, channel names among them, have at most NAMEDATALEN - 1
	 * bytes.
	 */
	static final int MAX_CHANNEL_BYTES = 63;

	private static final Set<String> PERMANENT_CLASSES = Set.of("0A", "22", "23", "28", "2B", "2F", "38", "39", "42",
			"P0");

	/**
	 * Undefined table, undefined function: the log was dropped, and connecting creates it
	 * again.
	 */
	private static final Set<String> RECREATED = Set.of("42P01", "42883");

	private final ConnectionFactory connectionFactory;

	private final String channel;

	private final Duration replayWindow;

	private final LogCursor<Long> cursor = new LogCursor<>(this::received);

	private volatile @Nullable Connections connections;

	private volatile @Nullable Disposable cleanup;

	public PostgresSyncDriver(ConnectionFactory connectionFactory, BackplaneSettings settings) {
		super(settings);
		checkChannel(settings.channel());
		this.connectionFactory = unwrap(connectionFactory);
		this.channel = settings.channel();
		this.replayWindow = settings.replayWindow();
	}

	static void checkChannel(String channel) {
		int length = channel.getBytes(StandardCharsets.UTF_8).length;
		if (length == 0) {
			throw new BackplaneConfigurationException(
					"h3.pubsub.channel is empty: the PostgreSQL backplane needs a channel name for LISTEN and NOTIFY.",
					"Set h3.pubsub.channel to a name of 1 to " + MAX_CHANNEL_BYTES
							+ " bytes, the same for every instance of the application.");
		}
		if (length > MAX_CHANNEL_BYTES) {
			throw new BackplaneConfigurationException(
					"h3.pubsub.channel '" + channel + "' is " + length
							+ " bytes long, but PostgreSQL channel names have at most " + MAX_CHANNEL_BYTES
							+ " bytes: LISTEN would truncate it and every pg_notify would fail.",
					"Set h3.pubsub.channel to a name of at most " + MAX_CHANNEL_BYTES
							+ " bytes, the same for every instance of the application.");
		}
	}

	@Override
	protected boolean isPermanent(Throwable error) {
		if (super.isPermanent(error)) {
			return true;
		}
		R2dbcException refusal = causedBy(error, R2dbcException.class);
		return refusal != null && isPermanentState(refusal.getSqlState());
	}

	static boolean isPermanentState(@Nullable String sqlState) {
		if (sqlState == null || sqlState.length() != 5 || RECREATED.contains(sqlState)) {
			return false;
		}
		return PERMANENT_CLASSES.contains(sqlState.substring(0, 2));
	}

	private static ConnectionFactory unwrap(ConnectionFactory factory) {
		// A pool would lend its connections for good: take the connections from what it
		// wraps.
		ConnectionFactory target = factory;
		while (target instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
			target = inner;
		}
		return target;
	}

	@Override
	public String describe() {
		return "PostgreSQL";
	}

	@Override
	protected Mono<Void> connect() {
		// The schema on every connection: a send may have failed because someone dropped
		// it.
		return connections()
			.flatMap((opened) -> PostgresSchema.create(opened.publisher())
				.then(this.cursor.catchUp(newest(opened), listen(opened), (from) -> replay(opened, from)))
				.doOnError((ex) -> discard(opened))
				.doOnCancel(() -> discard(opened)))
			.then(Mono.fromRunnable(this::scheduleCleanup));
	}

	/**
	 * Closes connections that a failed attempt may have left half set up: the next one
	 * opens new ones.
	 */
	private void discard(Connections opened) {
		if (this.connections == opened) {
			this.connections = null;
		}
		opened.close();
	}

	private Mono<Connections> connections() {
		Connections current = this.connections;
		if (current == null) {
			return openConnections(null);
		}
		return Mono
			.zip(current.listener().validate(ValidationDepth.REMOTE),
					current.publisher().validate(ValidationDepth.REMOTE), Boolean::logicalAnd)
			.flatMap((ok) -> ok ? Mono.just(current) : openConnections(current));
	}

	private Mono<Connections> openConnections(@Nullable Connections stale) {
		if (stale != null) {
			discard(stale);
		}
		// The publisher does not wait for its commits to reach the disk: notifications go
		// out at commit anyway, and the replay log only needs to outlive a listener's
		// reconnection.
		Mono<PostgresqlConnection> publisher = open("h3 publisher")
			.flatMap((connection) -> execute(connection, "SET synchronous_commit = off").thenReturn(connection));
		return Mono.zip(open("h3 listener"), publisher)
			.map((pair) -> new Connections(pair.getT1(), pair.getT2()))
			.doOnNext((opened) -> this.connections = opened);
	}

	private Mono<PostgresqlConnection> open(String role) {
		// Named after the channel, so that an operator (or a test) can tell the
		// backplanes apart.
		String applicationName = role + " " + this.channel;
		return Mono.from(this.connectionFactory.create()).flatMap((connection) -> {
			if (!(connection instanceof PostgresqlConnection postgres)) {
				Mono.from(connection.close()).subscribe();
				return Mono.error(new IllegalStateException("h3.pubsub.sync=postgres needs r2dbc-postgresql, but "
						+ "spring.r2dbc.url gives " + connection.getClass().getName()));
			}
			return Flux
				.from(postgres.createStatement("SELECT set_config('application_name', $1, false)")
					.bind("$1", applicationName)
					.execute())
				.flatMap((result) -> result.map((row, metadata) -> row))
				.then(Mono.just(postgres));
		});
	}

	/**
	 * Listens on the connections, unless they already do (a reconnection that kept them).
	 */
	private Mono<Void> listen(Connections opened) {
		return Mono.defer(() -> {
			if (!opened.startListening()) {
				return Mono.empty();
			}
			PostgresqlConnection listener = opened.listener();
			// Unbounded demand: the driver's notification buffer must never overflow
			// while a large envelope is read from its row.
			listener.getNotifications()
				.onBackpressureBuffer()
				.concatMap((notification) -> read(listener, notification))
				.subscribe(null, (ex) -> lost(opened, ex),
						() -> lost(opened, new IllegalStateException("PostgreSQL listener connection closed")));
			return execute(listener, "LISTEN " + quoted(this.channel));
		});
	}

	private void lost(Connections opened, Throwable cause) {
		// The listener no longer listens: the next connection attempt opens new
		// connections.
		if (this.connections == opened) {
			this.connections = null;
			opened.close();
			this.cursor.lost();
			connectionLost(cause);
		}
	}

	private Mono<Void> read(PostgresqlConnection listener, Notification notification) {
		String parameter = notification.getParameter();
		if (parameter == null) {
			return Mono.empty();
		}
		int space = parameter.indexOf(' ');
		long id = Long.parseLong((space < 0) ? parameter : parameter.substring(0, space));
		if (space >= 0) {
			this.cursor.live(id, Base64.getMimeDecoder().decode(parameter.substring(space + 1)));
			return Mono.empty();
		}
		// Too large for NOTIFY: the envelope waits in its row.
		return Flux
			.from(listener.createStatement("SELECT envelope FROM h3_pubsub_log WHERE id = $1").bind("$1", id).execute())
			.flatMap((result) -> result.map((row, metadata) -> row.get(0, ByteBuffer.class)))
			.doOnNext((envelope) -> this.cursor.live(id, bytes(envelope)))
			.then();
	}

	private Mono<Long> newest(Connections opened) {
		return Flux
			.from(opened.listener()
				.createStatement("SELECT coalesce(max(id), 0) FROM h3_pubsub_log WHERE channel = $1")
				.bind("$1", this.channel)
				.execute())
			.flatMap((result) -> result.map((row, metadata) -> row.get(0, Long.class)))
			.next();
	}

	private Mono<Void> replay(Connections opened, Long from) {
		return Flux
			.from(opened.listener()
				.createStatement("SELECT id, envelope FROM h3_pubsub_log WHERE channel = $1 AND id > $2 ORDER BY id")
				.bind("$1", this.channel)
				.bind("$2", from)
				.execute())
			.flatMap((result) -> result
				.map((row, metadata) -> new Row(id(row.get(0, Long.class)), bytes(row.get(1, ByteBuffer.class)))))
			.doOnNext((row) -> this.cursor.replayed(row.id(), row.envelope()))
			.then();
	}

	private synchronized void scheduleCleanup() {
		if (this.cleanup != null) {
			return;
		}
		Duration every = this.replayWindow.dividedBy(2);
		this.cleanup = Flux.interval(every, every).concatMap((tick) -> {
			Connections current = this.connections;
			if (current == null) {
				return Mono.empty();
			}
			return Flux.from(current.publisher()
				.createStatement(
						"DELETE FROM h3_pubsub_log WHERE created_at < clock_timestamp() - $1 * interval '1 millisecond'")
				.bind("$1", this.replayWindow.toMillis())
				.execute()).flatMap((result) -> result.getRowsUpdated()).then().onErrorResume((ex) -> {
					this.logger.debug("Could not clean up h3_pubsub_log", ex);
					return Mono.empty();
				});
		}).subscribe();
	}

	@Override
	protected Mono<Void> send(List<byte[]> envelopes) {
		Connections current = this.connections;
		if (current == null) {
			return Mono.error(new IllegalStateException("Not connected"));
		}
		return Flux
			.from(current.publisher()
				.createStatement("SELECT h3_pubsub_publish($1, $2)")
				.bind("$1", this.channel)
				.bind("$2", PostgresSchema.batch(envelopes))
				.execute())
			.flatMap((result) -> result.map((row, metadata) -> row.get(0)))
			.then();
	}

	@Override
	protected void disconnect() {
		Disposable task = this.cleanup;
		if (task != null) {
			task.dispose();
		}
		Connections current = this.connections;
		this.connections = null;
		if (current != null) {
			current.close();
		}
	}

	static Mono<Void> execute(PostgresqlConnection connection, String sql) {
		return connection.createStatement(sql).execute().flatMap((result) -> result.getRowsUpdated()).then();
	}

	private static String quoted(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** The log's ids are its primary key, never {@code NULL}. */
	private static long id(@Nullable Long id) {
		if (id == null) {
			throw new IllegalStateException("h3_pubsub_log row without an id");
		}
		return id;
	}

	private static byte[] bytes(@Nullable ByteBuffer buffer) {
		if (buffer == null) {
			return new byte[0];
		}
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private record Row(Long id, byte[] envelope) {
	}

	/**
	 * The two connections of one connection attempt, and whether the listener listens
	 * yet.
	 *
	 * @param listener the connection that listens and reads the log
	 * @param publisher the connection that appends to the log
	 * @param listening set once the listener listens
	 */
	private record Connections(PostgresqlConnection listener, PostgresqlConnection publisher, AtomicBoolean listening) {

		Connections(PostgresqlConnection listener, PostgresqlConnection publisher) {
			this(listener, publisher, new AtomicBoolean());
		}

		boolean startListening() {
			return this.listening.compareAndSet(false, true);
		}

		void close() {
			closeQuietly(this.listener);
			closeQuietly(this.publisher);
		}

		private static void closeQuietly(Connection connection) {
			Mono.from(connection.close()).onErrorResume((ex) -> Mono.empty()).subscribe();
		}

	}

}
