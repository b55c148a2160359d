package io.github.h3spring.sse;

import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.h3spring.sse.StreamReading.endOf;
import static org.assertj.core.api.Assertions.assertThat;

class EventStreamShutdownTests {

	@Test
	void gracefulShutdownEndsOpenStreamsCleanlyAndRunsTheirOnClosed() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SseTestApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		SseTestApplication.Streams streams = context.getBean(SseTestApplication.Streams.class);
		H3TestClient client = H3TestClient.forPort(port);
		try (TestEventStream hello = client.sse("/hello?every=20&name=shutdown-hello");
				TestEventStream idle = client.sse("/sse?name=shutdown-idle")) {
			assertThat(hello.nextData()).isEqualTo("Hello world");
			streams.get("shutdown-idle").push("pending");
			context.close();
			// the end of a chunked response, not a reset: both end within the client's
			// timeout, far sooner than the graceful shutdown's 30 seconds
			assertThat(endOf(hello)).startsWith("data: Hello world\n\n").endsWith("\n\n");
			assertThat(endOf(idle)).isEqualTo("data: pending\n\n");
			assertThat(streams.get("shutdown-hello").isClosed()).isTrue();
			assertThat(streams.closedAt("shutdown-idle")).isNotNull();
		}
	}

}
