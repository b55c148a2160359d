package io.github.h3spring.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Chromium against a server with compression turned off.
 */
@SpringBootTest(classes = InteropApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "h3.websocket.compression=false")
class UncompressedChromiumTests extends AbstractChromiumTests {

	@Override
	String expectedExtensions() {
		return "";
	}

}
