/**
 * Pub/sub backplane SPI: {@link io.github.h3spring.pubsub.SyncDriver} carries publishes
 * between application instances.
 */
@NullMarked
package io.github.h3spring.pubsub;

import org.jspecify.annotations.NullMarked;
