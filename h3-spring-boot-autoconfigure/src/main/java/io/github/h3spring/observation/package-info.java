/**
 * Micrometer Observation of the h3 runtime: the observation contexts, conventions to
 * rename or re-tag them, and their documentation.
 */
@NullMarked
package io.github.h3spring.observation;

import org.jspecify.annotations.NullMarked;
