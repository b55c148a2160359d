package io.github.h3spring.test;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NettyLeakGuardTests {

	@Test
	void aBufferThatIsNeverReleasedIsReported() throws InterruptedException {
		leakOneBuffer();
		List<String> leaks = NettyLeakGuard.collectLeaks();
		assertThat(leaks).isNotEmpty().allSatisfy((leak) -> assertThat(leak).startsWith("LEAK: ByteBuf"));
	}

	@Test
	void releasedBuffersAreNotReported() throws InterruptedException {
		NettyLeakGuard.collectLeaks();
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(16);
		buffer.writeInt(42);
		buffer.release();
		assertThat(NettyLeakGuard.collectLeaks()).isEmpty();
	}

	private static void leakOneBuffer() {
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(16);
		buffer.writeInt(42);
	}

}
