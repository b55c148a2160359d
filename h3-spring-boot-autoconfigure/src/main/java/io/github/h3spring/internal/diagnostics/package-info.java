/**
 * Start-up failures that explain themselves: what is wrong and what to change.
 */
@NullMarked
package io.github.h3spring.internal.diagnostics;

import org.jspecify.annotations.NullMarked;
