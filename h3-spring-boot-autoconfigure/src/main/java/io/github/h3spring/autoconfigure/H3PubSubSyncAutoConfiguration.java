package io.github.h3spring.autoconfigure;

import io.github.h3spring.internal.pubsub.backplane.BackplaneConfigurationException;
import io.github.h3spring.internal.pubsub.backplane.BackplaneSettings;
import io.github.h3spring.internal.pubsub.postgres.PostgresSyncDriver;
import io.github.h3spring.internal.pubsub.redis.RedisSyncDriver;
import io.github.h3spring.pubsub.SyncDriver;
import io.lettuce.core.RedisClient;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the pub/sub backplane selected by {@code h3.pubsub.sync}: Redis
 * pub/sub over Spring Boot's Lettuce connection, or PostgreSQL {@code LISTEN/NOTIFY} over
 * its R2DBC connection factory. A {@link SyncDriver} bean of the application's own takes
 * precedence.
 * <p>
 * When the selected backplane cannot be configured (its driver is not on the class path,
 * or Spring Boot made no connection factory for it), a stand-in {@link SyncDriver} bean
 * fails with a {@link BackplaneConfigurationException} that names what to add: the first
 * bean that needs the backplane creates it, so start-up fails with that reason whatever
 * the order.
 */
@AutoConfiguration(before = H3AutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "h3.enabled", matchIfMissing = true)
@EnableConfigurationProperties(H3Properties.class)
public final class H3PubSubSyncAutoConfiguration {

	private static final String REDIS_STARTER = "org.springframework.boot:spring-boot-starter-data-redis-reactive";

	private static final String R2DBC_STARTER = "org.springframework.boot:spring-boot-starter-r2dbc";

	private static final String R2DBC_POSTGRESQL = "org.postgresql:r2dbc-postgresql";

	@Bean
	@ConditionalOnProperty(name = "h3.pubsub.sync", havingValue = "redis")
	@ConditionalOnMissingBean(SyncDriver.class)
	SyncDriver h3RedisSyncDriverUnavailable(ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		if (!isPresent("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory", classLoader)
				|| !isPresent("io.lettuce.core.RedisClient", classLoader)) {
			throw new BackplaneConfigurationException(
					"h3.pubsub.sync=redis, but Spring Data Redis with the Lettuce client is not on the class path.",
					"Add the dependency " + REDIS_STARTER + " and point spring.data.redis.* (host, port, password) at "
							+ "the Redis server; or set h3.pubsub.sync=none to keep publishes on each instance.");
		}
		throw new BackplaneConfigurationException(
				"h3.pubsub.sync=redis, but there is no ReactiveRedisConnectionFactory bean: Spring Boot's Redis "
						+ "auto-configuration is missing from the class path or excluded.",
				"Add the dependency " + REDIS_STARTER + ", which brings Spring Boot's Redis auto-configuration, and "
						+ "do not exclude DataRedisAutoConfiguration; or define a LettuceConnectionFactory bean.");
	}

	@Bean
	@ConditionalOnProperty(name = "h3.pubsub.sync", havingValue = "postgres")
	@ConditionalOnMissingBean(SyncDriver.class)
	SyncDriver h3PostgresSyncDriverUnavailable(ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		if (!isPresent("io.r2dbc.spi.ConnectionFactory", classLoader)
				|| !isPresent("io.r2dbc.postgresql.api.PostgresqlConnection", classLoader)) {
			throw new BackplaneConfigurationException(
					"h3.pubsub.sync=postgres, but R2DBC with its PostgreSQL driver is not on the class path.",
					"Add the dependencies " + R2DBC_STARTER + " and " + R2DBC_POSTGRESQL + ", and set spring.r2dbc.url "
							+ "(with spring.r2dbc.username and spring.r2dbc.password) to the database; or set "
							+ "h3.pubsub.sync=none to keep publishes on each instance.");
		}
		throw new BackplaneConfigurationException(
				"h3.pubsub.sync=postgres, but there is no R2DBC ConnectionFactory bean: Spring Boot's R2DBC "
						+ "auto-configuration is missing from the class path or excluded, or spring.r2dbc.url is not set.",
				"Add the dependency " + R2DBC_STARTER + " (with " + R2DBC_POSTGRESQL + ") and set spring.r2dbc.url "
						+ "to the database, such as r2dbc:postgresql://db.internal:5432/app.");
	}

	private static boolean isPresent(String className, @Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(className, classLoader);
	}

	static BackplaneSettings settings(H3Properties properties) {
		H3Properties.Pubsub pubsub = properties.getPubsub();
		return new BackplaneSettings(pubsub.getChannel(), pubsub.getOutboxCapacity(),
				pubsub.getOutboxMemoryLimit().toBytes(), pubsub.getReplayWindow(), pubsub.getInitialBackoff(),
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
			return new RedisSyncDriver(lettuce, settings(properties));
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
			return new PostgresSyncDriver(connectionFactory, settings(properties));
		}

	}

}
