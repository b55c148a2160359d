/**
 * Test support for h3 handlers: {@link io.github.h3spring.test.H3TestClient} talks to the
 * application over real sockets; {@link io.github.h3spring.test.NettyLeakGuard} fails tests
 * that leak Netty buffers.
 */
@NullMarked
package io.github.h3spring.test;

import org.jspecify.annotations.NullMarked;
