/**
 * Backplane over PostgreSQL {@code LISTEN/NOTIFY}, with a table as replay log.
 */
@NullMarked
package io.github.h3spring.internal.pubsub.postgres;

import org.jspecify.annotations.NullMarked;
