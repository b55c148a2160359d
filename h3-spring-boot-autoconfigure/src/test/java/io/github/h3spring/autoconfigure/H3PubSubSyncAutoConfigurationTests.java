package io.github.h3spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.h3spring.internal.pubsub.Origins;
import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import io.github.h3spring.websocket.WebSocketHub;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.unit.DataSize;

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
				assertThat(context.getBean(RecordingDriver.class).published).containsExactly(new SyncMessage(null,
						"news", "hello", new SyncMessage.Origin(context.getBean(Origins.class).instance(), 1)));
			});
	}

	@Test
	void whenRedisIsSelectedWithoutSpringDataRedisThenAFailureAnalysisSaysWhichDependencyToAdd() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=redis")
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("h3.pubsub.sync=redis", "not on the class path");
				assertThat(analysis.getAction()).contains(
						"org.springframework.boot:spring-boot-starter-data-redis-reactive", "spring.data.redis.*",
						"h3.pubsub.sync=none");
			});
	}

	@Test
	void whenRedisIsSelectedWithoutBootsRedisAutoConfigurationThenAFailureAnalysisSaysSo() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=redis").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("no ReactiveRedisConnectionFactory bean");
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis-reactive");
		});
	}

	@Test
	void whenPostgresIsSelectedWithoutItsDriverThenAFailureAnalysisSaysWhichDependenciesToAdd() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=postgres")
			.withClassLoader(new FilteredClassLoader(PostgresqlConnection.class))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("h3.pubsub.sync=postgres", "not on the class path");
				assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-r2dbc",
						"org.postgresql:r2dbc-postgresql", "spring.r2dbc.url");
			});
	}

	@Test
	void whenPostgresIsSelectedWithoutAConnectionFactoryThenAFailureAnalysisSaysWhatToSet() {
		this.contextRunner.withPropertyValues("h3.pubsub.sync=postgres").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("h3.pubsub.sync=postgres",
					"no R2DBC ConnectionFactory bean");
			assertThat(analysis.getAction()).contains("r2dbc-postgresql", "spring.r2dbc.url");
		});
	}

	@Test
	void whenPostgresIsSelectedWithAChannelPostgresRefusesThenAFailureAnalysisSaysWhatToChange() {
		String channel = "chat-" + "x".repeat(60);
		this.contextRunner.withPropertyValues("h3.pubsub.sync=postgres", "h3.pubsub.channel=" + channel)
			.withBean(ConnectionFactory.class,
					() -> ConnectionFactories.get("r2dbc:postgresql://postgres@localhost:1/test"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("h3.pubsub.channel '" + channel + "' is 65 bytes long");
				assertThat(analysis.getAction()).contains("Set h3.pubsub.channel to a name of at most 63 bytes");
			});
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
		assertThat(pubsub.getOutboxMemoryLimit()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(pubsub.isFailFast()).isFalse();
	}

	/**
	 * Analyzes a failure as Spring Boot does at start-up, with the analyzers that
	 * spring.factories registers.
	 */
	private static FailureAnalysis analyze(@Nullable Throwable failure) {
		assertThat(failure).as("start-up failure").isNotNull();
		ClassLoader classLoader = H3PubSubSyncAutoConfigurationTests.class.getClassLoader();
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(FailureAnalyzer.class, ArgumentResolver.none(), FailureHandler.handleMessage((message, ex) -> {
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analyzer explains " + failure);
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
