/**
 * Backplane over Redis pub/sub, with a capped stream as replay log.
 */
@NullMarked
package io.github.h3spring.internal.pubsub.redis;

import org.jspecify.annotations.NullMarked;
