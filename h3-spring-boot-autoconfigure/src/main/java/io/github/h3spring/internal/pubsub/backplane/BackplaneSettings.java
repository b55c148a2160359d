package io.github.h3spring.internal.pubsub.backplane;

import java.time.Duration;

/**
 * What every backplane driver is configured with.
 *
 * @param channel the channel that instances of one application share
 * @param outboxCapacity most publishes kept while disconnected
 * @param outboxMemoryLimit most bytes of encoded publishes kept while disconnected
 * @param replayWindow how long the server keeps publishes for instances that reconnect
 * @param initialBackoff first delay between reconnection attempts
 * @param maxBackoff longest delay between reconnection attempts
 * @param connectTimeout how long one connection attempt may take
 * @param failFast whether start-up fails when the first connection attempt does
 */
public record BackplaneSettings(String channel, int outboxCapacity, long outboxMemoryLimit, Duration replayWindow,
		Duration initialBackoff, Duration maxBackoff, Duration connectTimeout, boolean failFast) {

}
