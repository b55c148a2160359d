/**
 * Transport-independent part of the Redis and PostgreSQL backplanes: envelopes, outbox,
 * reconnection, de-duplication and health.
 */
@NullMarked
package io.github.h3spring.internal.pubsub.backplane;

import org.jspecify.annotations.NullMarked;
