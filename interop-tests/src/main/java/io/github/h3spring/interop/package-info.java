/**
 * Independent clients for interoperability tests: headless Chromium, and Node.js
 * WebSocket clients run as child processes.
 */
@NullMarked
package io.github.h3spring.interop;

import org.jspecify.annotations.NullMarked;
