package io.github.h3spring.internal.pubsub.backplane;

import java.time.Duration;

/**
 * What every backplane driver is configured with.
 *
 * @param channel the channel that instances of one application share
 * @param outboxCapacity most publishes kept while disconnected
 * @param initialBackoff first delay between reconnection attempts
 * @param maxBackoff longest delay between reconnection attempts
 * @param connectTimeout how long one connection attempt may take
 * @param failFast whether start-up fails when the first connection attempt does
 */
public record BackplaneSettings(String channel, int outboxCapacity, Duration initialBackoff, Duration maxBackoff,
		Duration connectTimeout, boolean failFast) {

}
