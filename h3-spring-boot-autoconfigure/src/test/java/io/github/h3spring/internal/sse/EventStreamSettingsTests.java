package io.github.h3spring.internal.sse;

import java.time.Duration;

import io.github.h3spring.autoconfigure.H3Properties;
import io.github.h3spring.sse.EventStreamOptions;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventStreamSettingsTests {

	@Test
	void streamsWithoutTheAutoConfigurationUseThePropertyDefaults() {
		H3Properties.Sse sse = new H3Properties().getSse();
		assertThat(EventStreamSettings.DEFAULTS).isEqualTo(new EventStreamSettings(sse.getKeepAlive(), sse.getRetry(),
				sse.getSendBufferLimit().toBytes(), sse.getReplayBufferSize(), sse.getReplayTimeToLive()));
	}

	@Test
	void optionsOverrideWhatTheySet() {
		EventStreamSettings settings = EventStreamSettings.DEFAULTS.with(EventStreamOptions.builder()
			.keepAlive(Duration.ZERO)
			.retry(Duration.ofSeconds(2))
			.sendBufferLimit(DataSize.ofKilobytes(1))
			.build());
		assertThat(settings).isEqualTo(new EventStreamSettings(Duration.ZERO, Duration.ofSeconds(2), 1024,
				EventStreamSettings.DEFAULTS.replayBufferSize(), EventStreamSettings.DEFAULTS.replayTimeToLive()));
		assertThat(EventStreamSettings.DEFAULTS.with(EventStreamOptions.defaults()))
			.isSameAs(EventStreamSettings.DEFAULTS);
	}

	@Test
	void invalidOptionsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventStreamOptions.builder().keepAlive(Duration.ofSeconds(-1)))
			.withMessageContaining("keepAlive must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventStreamOptions.builder().sendBufferLimit(DataSize.ofBytes(0)))
			.withMessageContaining("sendBufferLimit must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> EventStreamOptions.builder().replayKey(""))
			.withMessageContaining("replayKey must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> EventStreamOptions.builder().retry(Duration.ofMillis(-1)))
			.withMessageContaining("retry must not be negative");
	}

}
