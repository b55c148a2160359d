package io.github.h3spring.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Chromium with permessage-deflate negotiated, as every browser offers it.
 */
@SpringBootTest(classes = InteropApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CompressedChromiumTests extends AbstractChromiumTests {

	@Override
	String expectedExtensions() {
		return "permessage-deflate";
	}

}
