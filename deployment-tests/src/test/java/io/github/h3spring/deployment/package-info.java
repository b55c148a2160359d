/**
 * Two instances of an application on the public API, with the Redis backplane, behind
 * Debian's nginx configured as docs/deployment.md shows.
 */
@NullMarked
package io.github.h3spring.deployment;

import org.jspecify.annotations.NullMarked;
