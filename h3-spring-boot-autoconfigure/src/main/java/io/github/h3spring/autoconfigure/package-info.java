/**
 * Auto-configuration and properties of the h3 starter.
 */
@NullMarked
package io.github.h3spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
