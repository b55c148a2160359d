/**
 * Discovery and validation of {@code @H3Handler} beans.
 */
@NullMarked
package io.github.h3spring.internal.handler;

import org.jspecify.annotations.NullMarked;
