package io.github.h3spring.interop;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser's WebSocket sees of the server's closes and limits: Chromium, from a
 * page of the server's own origin.
 */
@TestPropertySource(properties = "h3.websocket.max-message-size=1KB")
abstract class AbstractChromiumTests {

	/**
	 * Opens sockets and reports, per socket, the same fields as {@code node/client.mjs}.
	 */
	private static final String OPEN_SOCKETS = """
			const [urls, first, then] = arguments;
			const done = arguments[arguments.length - 1];
			const results = urls.map((url) => new Promise((resolve) => {
			  const result = { messages: [], extensions: null };
			  const socket = new WebSocket(url);
			  socket.onopen = () => { result.extensions = socket.extensions; if (first) socket.send(first); if (then) socket.send(then); };
			  socket.onmessage = (event) => result.messages.push(String(event.data));
			  socket.onclose = (event) => resolve(Object.assign(result,
			      { code: event.code, reason: event.reason, wasClean: event.wasClean }));
			}));
			Promise.all(results).then(done);
			""";

	private static final String ANNOUNCE = """
			const [urls, announceUrl] = arguments;
			const done = arguments[arguments.length - 1];
			const opened = [];
			const results = urls.map((url) => new Promise((resolve) => {
			  const result = { messages: [], extensions: null };
			  const socket = new WebSocket(url);
			  // the room's open hook answers "joined" once it has subscribed the peer
			  opened.push(new Promise((joined) => socket.addEventListener('message',
			      (event) => { if (event.data === 'joined') joined(); })));
			  socket.onmessage = (event) => result.messages.push(String(event.data));
			  socket.onclose = (event) => resolve(Object.assign(result,
			      { code: event.code, reason: event.reason, wasClean: event.wasClean }));
			}));
			Promise.all(opened).then(() => fetch(announceUrl, { method: 'POST' }));
			Promise.all(results).then(done);
			""";

	/**
	 * Chromium opens the WebSockets of one host one at a time: a small room keeps this
	 * quick.
	 */
	private static final int ROOM_SIZE = 5;

	private HeadlessChromium chromium;

	@LocalServerPort
	int port;

	abstract String expectedExtensions();

	@BeforeEach
	void openSameOriginPage() throws IOException {
		this.chromium = HeadlessChromium.shared();
		this.chromium.driver().get("http://localhost:" + this.port + "/page");
	}

	@Test
	void aServerCloseIsCleanAndComesAfterWhatWasSentBeforeIt() {
		ClientResult result = open(url("/echo"), "close", null).get(0);
		assertThat(result.messages()).containsExactly("one", "two");
		assertThat(result.code()).isEqualTo(4000);
		assertThat(result.reason()).isEqualTo("bye");
		assertThat(result.wasClean()).as("wasClean").isTrue();
		// its parameters differ by server (Tomcat answers
		// permessage-deflate;client_max_window_bits=15)
		assertThat(result.extensionName()).isEqualTo(expectedExtensions());
	}

	@Test
	void anOversizedMessageClosesCleanlyWith1009AfterEverythingBeforeIt() {
		ContainerGaps.assumeCleanCloseOnOversizedMessage();
		ClientResult result = open(url("/echo"), "hello", "x".repeat(4096)).get(0);
		assertThat(result.messages()).containsExactly("hello");
		assertThat(result.code()).isEqualTo(1009);
		assertThat(result.wasClean()).as("wasClean").isTrue();
	}

	@Test
	void whatIsPublishedBeforeAPeerIsClosedArrivesBeforeTheClose() {
		for (int round = 0; round < 5; round++) {
			String room = "chromium-" + round;
			List<String> urls = Collections.nCopies(ROOM_SIZE, url("/room/" + room));
			List<ClientResult> results = results(this.chromium.driver()
				.executeAsyncScript(ANNOUNCE, urls, "http://localhost:" + this.port + "/announce/" + room));
			assertThat(results).hasSize(ROOM_SIZE).allSatisfy((result) -> {
				assertThat(result.messages()).containsExactly("joined", "announce " + room);
				assertThat(result.code()).isEqualTo(InteropApplication.ROOM_CLOSED);
				assertThat(result.wasClean()).as("wasClean").isTrue();
			});
		}
	}

	private List<ClientResult> open(String url, String first, String then) {
		ChromeDriver driver = this.chromium.driver();
		return results(driver.executeAsyncScript(OPEN_SOCKETS, List.of(url), first, then));
	}

	@SuppressWarnings("unchecked")
	private static List<ClientResult> results(Object returned) {
		return ((List<Map<String, Object>>) returned).stream()
			.map((result) -> new ClientResult((List<String>) result.get("messages"),
					((Number) result.get("code")).intValue(), (String) result.get("reason"),
					(Boolean) result.get("wasClean"), (String) result.get("extensions")))
			.toList();
	}

	private String url(String path) {
		return "ws://localhost:" + this.port + path;
	}

}
