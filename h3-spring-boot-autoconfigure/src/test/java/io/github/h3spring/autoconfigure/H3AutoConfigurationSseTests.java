package io.github.h3spring.autoconfigure;

import java.time.Duration;

import io.github.h3spring.internal.sse.EventStreamRuntime;
import io.github.h3spring.internal.sse.EventStreamSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class H3AutoConfigurationSseTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebFluxAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void whenSsePropertiesAreNotSetThenDefaultsApply() {
		this.contextRunner.run((context) -> {
			H3Properties.Sse sse = context.getBean(H3Properties.class).getSse();
			assertThat(sse.getKeepAlive()).isEqualTo(Duration.ofSeconds(15));
			assertThat(sse.getRetry()).isNull();
			assertThat(sse.getSendBufferLimit().toKilobytes()).isEqualTo(256);
			assertThat(sse.getReplayBufferSize()).isEqualTo(100);
			assertThat(sse.getReplayTimeToLive()).isEqualTo(Duration.ofMinutes(1));
		});
	}

	@Test
	void whenSsePropertiesAreSetThenStreamsUseThem() {
		this.contextRunner
			.withPropertyValues("h3.sse.keep-alive=0", "h3.sse.retry=3s", "h3.sse.send-buffer-limit=1MB",
					"h3.sse.replay-buffer-size=0", "h3.sse.replay-time-to-live=10s")
			.run((context) -> assertThat(context.getBean(EventStreamRuntime.class).settings())
				.isEqualTo(new EventStreamSettings(Duration.ZERO, Duration.ofSeconds(3), 1024 * 1024, 0,
						Duration.ofSeconds(10))));
	}

	@Test
	void whenTheKeepAliveIsNegativeThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("h3.sse.keep-alive=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidH3PropertiesException.class)
				.hasMessageContaining("h3.sse.keep-alive=PT-1S: it must not be negative"));
	}

	@Test
	void whenTheSendBufferLimitIsZeroThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("h3.sse.send-buffer-limit=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidH3PropertiesException.class)
				.hasMessageContaining("h3.sse.send-buffer-limit=0B: it must be at least 1B"));
	}

	@Test
	void whenDisabledThenNoEventStreamRuntimeIsRegistered() {
		this.contextRunner.withPropertyValues("h3.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventStreamRuntime.class));
	}

}
