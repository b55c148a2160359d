package io.github.h3spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class H3PubSubSyncAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3PubSubSyncAutoConfiguration.class,
				H3BackplaneHealthAutoConfiguration.class, H3AutoConfiguration.class, WebFluxAutoConfiguration.class,
				CodecsAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void byDefaultPublishesStayOnTheInstance() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebSocketHub.class);
			assertThat(context).doesNotHaveBean(SyncDriver.class);
			assertThat(context).doesNotHaveBean(HealthIndicator.class);
		});
	}

	@Test
	void aSyncDriverBeanOfTheApplicationReplacesTheConfiguredBackplane() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=redis")
			.withUserConfiguration(OwnDriverConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SyncDriver.class).doesNotHaveBean(BackplaneDriver.class);
				context.getBean(WebSocketHub.class).publish("news", "hello");
				assertThat(context.getBean(RecordingDriver.class).published)
					.containsExactly(new SyncMessage(null, "news", "hello"));
			});
	}

	@Test
	void whenRedisIsSelectedWithoutSpringDataRedisThenStartUpSaysWhatToAdd() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=redis")
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("h3.pubsub.sync=redis")
				.hasMessageContaining("spring-boot-starter-data-redis-reactive"));
	}

	@Test
	void whenPostgresIsSelectedWithoutAConnectionFactoryThenStartUpSaysWhatToAdd() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=postgres")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("h3.pubsub.sync=postgres")
				.hasMessageContaining("r2dbc-postgresql")
				.hasMessageContaining("spring.r2dbc.url"));
	}

	@Test
	void anUnknownBackplaneIsRefusedAtStartUp() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=kafka")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("h3.pubsub.sync")
				.hasStackTraceContaining("kafka"));
	}

	@Test
	void documentedDefaults() {
		H3Properties.Pubsub pubsub = new H3Properties().getPubsub();
		assertThat(pubsub.getSync()).isEqualTo(H3Properties.Pubsub.Sync.NONE);
		assertThat(pubsub.getChannel()).isEqualTo("h3");
		assertThat(pubsub.getOutboxCapacity()).isEqualTo(10_000);
		assertThat(pubsub.isFailFast()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDriverConfiguration {

		@Bean
		RecordingDriver ownDriver() {
			return new RecordingDriver();
		}

	}

	static class RecordingDriver implements SyncDriver {

		final List<SyncMessage> published = new ArrayList<>();

		@Override
		public void publish(SyncMessage message) {
			this.published.add(message);
		}

		@Override
		public void subscribe(Consumer<SyncMessage> consumer) {
		}

		@Override
		public void close() {
		}

	}

}
