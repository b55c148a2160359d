package io.github.h3spring.conformance.deployment;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.h3spring.conformance.Stack;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket over HTTP/2 (RFC 8441) on a server with {@code server.http2.enabled} and TLS,
 * as browsers meet it: no server offers it (Jetty would by default; the starter turns it
 * off because the servlet WebSocket cannot serve it), so browsers open their WebSockets
 * over HTTP/1.1, which keeps working on the same port.
 */
@SpringBootTest(classes = DeploymentApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.http2.enabled=true")
class WebSocketOverHttp2Tests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> "file:" + DeploymentApplication.certificate().keyStore());
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-store-password", () -> DeploymentApplication.certificate().password());
	}

	@Test
	void noServerOffersTheExtendedConnectAndNoneAcceptsOne() throws Exception {
		try (SSLSocket socket = h2Socket()) {
			ExtendedConnectProbe.Result result = ExtendedConnectProbe.probe(socket, "https", "localhost:" + this.port,
					"/_ws");
			assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
			assertThat(result.advertised()).as("SETTINGS_ENABLE_CONNECT_PROTOCOL").isFalse();
			// Reactor Netty hands the CONNECT to WebFlux as a request for a path; the
			// servlet containers reset the stream with PROTOCOL_ERROR
			assertThat(result.answer()).isEqualTo((Stack.current() == Stack.WEBFLUX) ? "404" : "RST_STREAM 1");
		}
	}

	@Test
	void webSocketsOverHttp11StillWorkOnTheSamePort() {
		H3TestClient client = H3TestClient.forBaseUrl("wss://localhost:" + this.port)
			.trusting(DeploymentApplication.certificate().certificate());
		try (TestWebSocket socket = client.connect("/_ws")) {
			assertThat(socket.nextText()).startsWith("https://localhost:" + this.port + "/_ws wss://");
			socket.send("ping");
			assertThat(socket.nextText()).isEqualTo("pong");
		}
	}

	private SSLSocket h2Socket() throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		trusted.setCertificateEntry("server", DeploymentApplication.certificate().certificate());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", this.port);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setApplicationProtocols(new String[] { "h2" });
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

}
