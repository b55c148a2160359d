package io.github.h3spring.internal.pubsub.postgres;

import java.nio.ByteBuffer;
import java.util.List;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import reactor.core.publisher.Mono;

/**
 * The replay log table and the function that appends a batch of envelopes to it and
 * notifies each. Created when missing, under an advisory lock so that instances starting
 * together do not race.
 */
final class PostgresSchema {

	/**
	 * Envelopes up to this size travel inside the notification (base64 stays under 8000
	 * bytes).
	 */
	static final int INLINE_LIMIT = 5600;

	private static final String DDL = """
			SELECT pg_advisory_xact_lock(hashtext('h3_pubsub_log'));
			CREATE TABLE IF NOT EXISTS h3_pubsub_log (
				id bigserial PRIMARY KEY,
				channel text NOT NULL,
				created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
				envelope bytea NOT NULL
			);
			CREATE INDEX IF NOT EXISTS h3_pubsub_log_created_at ON h3_pubsub_log (created_at);
			CREATE OR REPLACE FUNCTION h3_pubsub_publish(p_channel text, p_batch bytea) RETURNS integer
			LANGUAGE plpgsql AS $$
			DECLARE
				read_at integer := 0;
				size integer;
				envelope bytea;
				new_id bigint;
				published integer := 0;
			BEGIN
				-- Row ids then grow in commit order, the order in which notifications are delivered.
				PERFORM pg_advisory_xact_lock(hashtext('h3_pubsub_log'), hashtext(p_channel));
				WHILE read_at < octet_length(p_batch) LOOP
					size := (get_byte(p_batch, read_at) << 24) | (get_byte(p_batch, read_at + 1) << 16)
							| (get_byte(p_batch, read_at + 2) << 8) | get_byte(p_batch, read_at + 3);
					envelope := substring(p_batch FROM read_at + 5 FOR size);
					read_at := read_at + 4 + size;
					INSERT INTO h3_pubsub_log (channel, envelope) VALUES (p_channel, envelope) RETURNING id INTO new_id;
					IF size <= %d THEN
						PERFORM pg_notify(p_channel, new_id || ' ' || encode(envelope, 'base64'));
					ELSE
						PERFORM pg_notify(p_channel, new_id::text);
					END IF;
					published := published + 1;
				END LOOP;
				RETURN published;
			END $$;
			""".formatted(INLINE_LIMIT);

	private PostgresSchema() {
	}

	static Mono<Void> create(PostgresqlConnection connection) {
		// One simple query: its statements run in one implicit transaction, which
		// releases the lock.
		return PostgresSyncDriver.execute(connection, DDL);
	}

	/**
	 * Envelopes as one value: each one prefixed with its length, as the function reads
	 * them.
	 */
	static ByteBuffer batch(List<byte[]> envelopes) {
		int size = 0;
		for (byte[] envelope : envelopes) {
			size += 4 + envelope.length;
		}
		ByteBuffer batch = ByteBuffer.allocate(size);
		for (byte[] envelope : envelopes) {
			batch.putInt(envelope.length).put(envelope);
		}
		return batch.flip();
	}

}
