package io.github.h3spring.observation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import brave.handler.MutableSpan;
import io.github.h3spring.test.H3TestClient;
import io.github.h3spring.test.TestEventStream;
import io.github.h3spring.test.TestWebSocket;
import io.github.h3spring.test.WebSocketRejectedException;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Observations seen as a tracer reports them, over real sockets: an upgrade's hooks are
 * spans of its trace, children of its span, and their log lines carry their trace and
 * span ids, whether the hook runs on the event loop, offloaded, or returns a
 * {@code Mono}.
 */
@SpringBootTest(classes = TracedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.pattern.correlation=[%X{traceId:-}-%X{spanId:-}] ",
				// a servlet container sees that a client left when a write fails: write
				// heartbeats often
				"h3.sse.keep-alive=1s" })
@ExtendWith(OutputCaptureExtension.class)
class H3ObservationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TestObservationRegistry registry;

	@Autowired
	RecordedSpans spans;

	H3TestClient client;

	@BeforeEach
	void setUp() {
		this.client = H3TestClient.forPort(this.port);
		this.registry.clear();
		this.spans.clear();
	}

	@Test
	void eachHookCallIsASpanChildOfTheUpgradeSpan() {
		try (TestWebSocket socket = this.client.connect("/traced")) {
			socket.send("hello");
			assertThat(socket.nextText()).isEqualTo("hello");
		}
		MutableSpan upgrade = this.spans.awaitUpgrade("/traced");
		assertThat(upgrade.tags()).containsEntry("handler", "traced")
			.containsEntry("outcome", "accepted")
			.containsEntry("reason", "none");
		for (String hook : List.of("upgrade", "open", "message", "close")) {
			MutableSpan span = this.spans.awaitSpan(upgrade.traceId(), "websocket " + hook + " hook");
			assertThat(span.parentId()).as(hook).isEqualTo(upgrade.id());
			assertThat(span.tags()).as(hook)
				.containsEntry("handler", "traced")
				.containsEntry("hook", hook)
				.containsEntry("outcome", "success")
				.containsEntry("exception", "none");
			if (hook.equals("upgrade")) {
				assertThat(span.tag("peer")).isEqualTo("none");
			}
		}
		String peer = this.spans.awaitSpan(upgrade.traceId(), "websocket open hook").tag("peer");
		assertThat(peer).isNotEqualTo("none")
			.isEqualTo(this.spans.awaitSpan(upgrade.traceId(), "websocket close hook").tag("peer"));
	}

	@Test
	void theUpgradeSpanIsAChildOfTheHttpRequestSpan() {
		this.client.connect("/traced").close();
		MutableSpan upgrade = this.spans.awaitUpgrade("/traced");
		MutableSpan request = this.spans.awaitSpan((span) -> span.id().equals(upgrade.parentId()));
		assertThat(request.name()).startsWith("http get");
	}

	@Test
	void aRefusedUpgradeIsObservedWithItsReason() {
		assertThatExceptionOfType(WebSocketRejectedException.class)
			.isThrownBy(() -> this.client.connect("/traced?token=no"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		await().untilAsserted(() -> TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("h3.websocket.upgrade")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("handler", "traced")
			.hasLowCardinalityKeyValue("outcome", "rejected")
			.hasLowCardinalityKeyValue("reason", "hook")
			.hasHighCardinalityKeyValue("path", "/traced"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("h3.websocket.hook", 1)
			.hasObservationWithNameEqualTo("h3.websocket.hook")
			.that()
			.hasLowCardinalityKeyValue("hook", "upgrade")
			.hasParentObservationContextMatching((parent) -> "h3.websocket.upgrade".equals(parent.getName()));
	}

	@Test
	void aFailingHookIsAnErrorSpanFollowedByTheErrorHook() {
		try (TestWebSocket socket = this.client.connect("/traced")) {
			socket.send("throw");
			socket.send("still here");
			assertThat(socket.nextText()).isEqualTo("still here");
		}
		MutableSpan upgrade = this.spans.awaitUpgrade("/traced");
		MutableSpan failed = this.spans
			.awaitSpan((span) -> span.traceId().equals(upgrade.traceId()) && "error".equals(span.tag("outcome")));
		assertThat(failed.tags()).containsEntry("hook", "message").containsEntry("exception", "IllegalStateException");
		assertThat(failed.error()).isInstanceOf(IllegalStateException.class);
		MutableSpan errorHook = this.spans.awaitSpan(upgrade.traceId(), "websocket error hook");
		assertThat(errorHook.parentId()).isEqualTo(upgrade.id());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/traced", "/traced-blocking", "/traced-reactive" })
	void aHookLogLineCarriesItsTraceAndSpanIds(String path, CapturedOutput output) {
		try (TestWebSocket socket = this.client.connect(path)) {
			socket.send("log-me");
			assertThat(socket.nextText()).isEqualTo("log-me");
		}
		MutableSpan upgrade = this.spans.awaitUpgrade(path);
		MutableSpan message = this.spans.awaitSpan(upgrade.traceId(), "websocket message hook");
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.endsWith("message hook log-me on " + path))
			.findFirst()
			.orElseThrow();
		assertThat(line).contains("[" + upgrade.traceId() + "-" + message.id() + "] ");
	}

	@Test
	void anEventHandlerCallIsASpanOfItsHttpRequest(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/hello");
		assertThat(response.body()).isEqualTo("hello");
		MutableSpan handler = this.spans.awaitSpan((span) -> "h3 handler hello".equals(span.name()));
		assertThat(handler.tags()).containsEntry("handler", "hello")
			.containsEntry("method", "GET")
			.containsEntry("outcome", "success")
			.containsEntry("path", "/hello");
		MutableSpan request = this.spans.awaitSpan((span) -> span.id().equals(handler.parentId()));
		assertThat(request.name()).startsWith("http get");
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.endsWith("hello handler"))
			.findFirst()
			.orElseThrow();
		assertThat(line).contains("[" + handler.traceId() + "-" + handler.id() + "] ");
	}

	@Test
	void anEventStreamIsASpanUntilItIsClosed() {
		try (TestEventStream stream = this.client.sse("/stream")) {
			assertThat(stream.nextData()).isEqualTo("one");
			stream.awaitComplete();
		}
		MutableSpan handler = this.spans.awaitSpan((span) -> "h3 handler stream".equals(span.name()));
		MutableSpan stream = this.spans.awaitSpan(handler.traceId(), "sse stream");
		assertThat(stream.parentId()).isEqualTo(handler.id());
		assertThat(stream.tags()).containsEntry("outcome", "closed");
	}

	@Test
	void anEventStreamWhoseClientLeftEndsAsClientGone() {
		TestEventStream stream = this.client.sse("/forever");
		assertThat(stream.nextData()).isEqualTo("open");
		stream.close();
		MutableSpan handler = this.spans.awaitSpan((span) -> "h3 handler forever".equals(span.name()));
		MutableSpan span = this.spans.awaitSpan(handler.traceId(), "sse stream");
		assertThat(span.tags()).containsEntry("outcome", "client-gone");
		assertThat(span.finishTimestamp() - span.startTimestamp()).isPositive();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
