package io.github.h3spring.scaleout;

import java.util.HashMap;
import java.util.Map;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scale-out suite on the PostgreSQL of this machine ({@code 127.0.0.1:5432}, database
 * {@code test}, user {@code postgres}).
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresScaleOutTests extends AbstractScaleOutTests {

	private static final int PORT = 5432;

	@Override
	protected void requireServer() {
		Services.require("PostgreSQL", PORT);
	}

	@Override
	protected int serverPort() {
		return PORT;
	}

	@Override
	protected Map<String, Object> backplane(int port) {
		return Map.of("h3.pubsub.sync", "postgres", "spring.r2dbc.url",
				"r2dbc:postgresql://127.0.0.1:" + port + "/test", "spring.r2dbc.username", "postgres");
	}

	@Test
	void aChannelThatPostgresWouldRefuseStopsTheStartWithWhatToChange(CapturedOutput output) {
		// LISTEN would truncate it to 63 bytes, and every pg_notify would fail.
		String channel = this.channel + "-" + "x".repeat(63 - this.channel.length());
		Map<String, Object> properties = new HashMap<>(backplane(PORT));
		properties.put("h3.pubsub.channel", channel);
		assertThatThrownBy(() -> Instance.start(properties).close()).hasStackTraceContaining("64 bytes long");
		assertThat(output).contains("APPLICATION FAILED TO START", "Description:",
				"h3.pubsub.channel '" + channel + "' is 64 bytes long", "Action:",
				"Set h3.pubsub.channel to a name of at most 63 bytes");
	}

	@Override
	protected long killBackplaneConnections() {
		ConnectionFactory admin = ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:" + PORT + "/test");
		// The backplane names its connections after the channel, unique to this test
		// class.
		String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE $1";
		return Mono
			.usingWhen(Mono.from(admin.create()),
					(connection) -> Flux.from(connection.createStatement(sql).bind("$1", "%" + this.channel).execute())
						.flatMap((result) -> result.map((row, metadata) -> row.get(0, Long.class)))
						.next(),
					Connection::close)
			.block();
	}

}
