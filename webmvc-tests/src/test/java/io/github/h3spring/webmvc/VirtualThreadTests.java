package io.github.h3spring.webmvc;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code blocking = true} hooks on virtual threads when the application enables them. The
 * build compiles for Java 17, so the {@code java21} execution of this module runs this
 * class on a newer JDK (docs/testing.md); on Java 17 it is skipped.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21")
class VirtualThreadTests {

	@Test
	void blockingHooksRunOnVirtualThreadsWhenTheApplicationEnablesThem() {
		assertThat(threadOfABlockingHook("spring.threads.virtual.enabled=true")).startsWith("VirtualThread[");
		assertThat(threadOfABlockingHook("spring.threads.virtual.enabled=false")).doesNotStartWith("VirtualThread[");
	}

	private static String threadOfABlockingHook(String virtualThreads) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HooksApplication.class)
			.properties("server.port=0", virtualThreads)
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			try (TestWebSocket socket = H3TestClient.forPort(port).connect("/blocking")) {
				socket.nextText();
				socket.send("thread");
				return socket.nextText();
			}
		}
	}

}
