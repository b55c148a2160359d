/**
 * JSON support shared by the WebSocket and SSE runtime.
 */
@NullMarked
package io.github.h3spring.internal.json;

import org.jspecify.annotations.NullMarked;
