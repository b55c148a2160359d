package io.github.h3spring.conformance.deployment;

import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Event streams over HTTP/2 with TLS, negotiated by ALPN: {@code server.http2.enabled}
 * with the certificate from a Spring Boot SSL bundle ({@code server.ssl.bundle}).
 */
@SpringBootTest(classes = DeploymentApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "server.ssl.bundle=h3-test" })
class H2EventStreamTests extends Http2EventStreams {

	@DynamicPropertySource
	static void sslBundle(DynamicPropertyRegistry registry) {
		String bundle = "spring.ssl.bundle.jks.h3-test.";
		registry.add(bundle + "keystore.location", () -> "file:" + DeploymentApplication.certificate().keyStore());
		registry.add(bundle + "keystore.type", () -> "PKCS12");
		registry.add(bundle + "keystore.password", () -> DeploymentApplication.certificate().password());
	}

	@Override
	HttpClient http2(HttpClient http) {
		return http.protocol(HttpProtocol.H2)
			.secure((tls) -> tls.sslContext(Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(DeploymentApplication.certificate().certificate()))));
	}

	@Override
	String baseUrl(int port) {
		return "wss://localhost:" + port;
	}

}
