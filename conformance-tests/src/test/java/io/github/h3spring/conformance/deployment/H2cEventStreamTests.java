package io.github.h3spring.conformance.deployment;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Event streams over clear-text HTTP/2 with prior knowledge, as a proxy or a service mesh
 * speaks it to the application behind it: {@code server.http2.enabled} without TLS.
 */
@SpringBootTest(classes = DeploymentApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.http2.enabled=true")
class H2cEventStreamTests extends Http2EventStreams {

	@Override
	HttpClient http2(HttpClient http) {
		return http.protocol(HttpProtocol.H2C);
	}

	@Override
	String baseUrl(int port) {
		return "ws://localhost:" + port;
	}

}
