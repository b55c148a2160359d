package io.github.h3spring.internal.pubsub.postgres;

import java.time.Duration;

import io.github.h3spring.internal.pubsub.backplane.BackplaneConfigurationException;
import io.github.h3spring.internal.pubsub.backplane.BackplaneSettings;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PostgresSyncDriverTests {

	@Test
	void aChannelOfMoreThan63BytesIsRefusedWithWhatToChange() {
		String channel = "c".repeat(64);
		assertThatExceptionOfType(BackplaneConfigurationException.class)
			.isThrownBy(() -> new PostgresSyncDriver(
					ConnectionFactories.get("r2dbc:postgresql://postgres@localhost:1/test"), settings(channel)))
			.withMessageContaining("h3.pubsub.channel '" + channel + "' is 64 bytes long")
			.satisfies((ex) -> assertThat(ex.action()).contains("at most 63 bytes"));
	}

	@Test
	void channelLengthIsCountedInBytes() {
		assertThatNoException().isThrownBy(() -> PostgresSyncDriver.checkChannel("c".repeat(63)));
		assertThatExceptionOfType(BackplaneConfigurationException.class)
			.isThrownBy(() -> PostgresSyncDriver.checkChannel("é".repeat(32)))
			.withMessageContaining("64 bytes long");
	}

	@Test
	void anEmptyChannelIsRefused() {
		assertThatExceptionOfType(BackplaneConfigurationException.class)
			.isThrownBy(() -> PostgresSyncDriver.checkChannel(""))
			.withMessageContaining("h3.pubsub.channel is empty");
	}

	@Test
	void errorsThatTheStatementItselfCausesArePermanent() {
		assertThat(PostgresSyncDriver.isPermanentState("22023")).as("pg_notify: channel name too long").isTrue();
		assertThat(PostgresSyncDriver.isPermanentState("42501")).as("insufficient privilege").isTrue();
		assertThat(PostgresSyncDriver.isPermanentState("42601")).as("syntax error").isTrue();
		assertThat(PostgresSyncDriver.isPermanentState("28P01")).as("wrong password").isTrue();
	}

	@Test
	void errorsThatPassOrThatAReconnectionRepairsAreTransient() {
		assertThat(PostgresSyncDriver.isPermanentState("42P01")).as("the log table was dropped").isFalse();
		assertThat(PostgresSyncDriver.isPermanentState("42883")).as("the publish function was dropped").isFalse();
		assertThat(PostgresSyncDriver.isPermanentState("57P01")).as("terminated by an administrator").isFalse();
		assertThat(PostgresSyncDriver.isPermanentState("08006")).as("connection failure").isFalse();
		assertThat(PostgresSyncDriver.isPermanentState("40P01")).as("deadlock").isFalse();
		assertThat(PostgresSyncDriver.isPermanentState("53300")).as("too many connections").isFalse();
		assertThat(PostgresSyncDriver.isPermanentState(null)).isFalse();
	}

	private static BackplaneSettings settings(String channel) {
		return new BackplaneSettings(channel, 100, 1024 * 1024, Duration.ofMinutes(1), Duration.ofMillis(100),
				Duration.ofSeconds(1), Duration.ofSeconds(5), false);
	}

}
