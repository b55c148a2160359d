package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.pubsub.backplane.BackplaneSettings;
import io.github.h3spring.internal.pubsub.postgres.PostgresSyncDriver;
import io.github.h3spring.internal.pubsub.redis.RedisSyncDriver;
import io.github.h3spring.pubsub.SyncDriver;
import io.lettuce.core.RedisClient;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the pub/sub backplane selected by {@code h3.pubsub.sync}: Redis
 * pub/sub over Spring Boot's Lettuce connection, or PostgreSQL {@code LISTEN/NOTIFY} over its
 * R2DBC connection factory. A {@link SyncDriver} bean of the application's own takes
 * precedence.
 */
@AutoConfiguration(before = H3AutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "h3.enabled", matchIfMissing = true)
@EnableConfigurationProperties(H3Properties.class)
public final class H3PubSubSyncAutoConfiguration {

	static BackplaneSettings settings(H3Properties properties) {
		H3Properties.Pubsub pubsub = properties.getPubsub();
		return new BackplaneSettings(pubsub.getChannel(), pubsub.getOutboxCapacity(), pubsub.getInitialBackoff(),
				pubsub.getMaxBackoff(), pubsub.getConnectTimeout(), pubsub.isFailFast());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
	@ConditionalOnProperty(name = "h3.pubsub.sync", havingValue = "redis")
	static class RedisSyncConfiguration {

		@Bean
		@ConditionalOnMissingBean(SyncDriver.class)
		@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
		RedisSyncDriver h3RedisSyncDriver(ReactiveRedisConnectionFactory connectionFactory, H3Properties properties) {
			if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
				throw new IllegalStateException("h3.pubsub.sync=redis needs Lettuce, the client of "
						+ "spring-boot-starter-data-redis-reactive, but the Redis connection factory is a "
						+ connectionFactory.getClass().getName());
			}
			return new RedisSyncDriver(lettuce, settings(properties), properties.getPubsub().getReplayWindow());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConnectionFactory.class, PostgresqlConnection.class })
	@ConditionalOnProperty(name = "h3.pubsub.sync", havingValue = "postgres")
	static class PostgresSyncConfiguration {

		@Bean
		@ConditionalOnMissingBean(SyncDriver.class)
		@ConditionalOnBean(ConnectionFactory.class)
		PostgresSyncDriver h3PostgresSyncDriver(ConnectionFactory connectionFactory, H3Properties properties) {
			return new PostgresSyncDriver(connectionFactory, settings(properties),
					properties.getPubsub().getReplayWindow());
		}

	}

}
