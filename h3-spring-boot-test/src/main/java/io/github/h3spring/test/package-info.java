/**
 * Test support for h3 handlers: {@link io.github.h3spring.test.H3TestClient} talks to the
 * application's WebSocket and Server-Sent Events handlers over real sockets
 * ({@link io.github.h3spring.test.AutoConfigureH3TestClient} injects one);
 * {@link io.github.h3spring.test.NettyLeakGuard} fails tests that leak Netty buffers.
 */
@NullMarked
package io.github.h3spring.test;

import org.jspecify.annotations.NullMarked;
