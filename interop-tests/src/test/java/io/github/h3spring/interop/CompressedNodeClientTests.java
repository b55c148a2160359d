package io.github.h3spring.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Node's clients with permessage-deflate negotiated, as they offer it by default.
 */
@SpringBootTest(classes = InteropApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CompressedNodeClientTests extends AbstractNodeClientTests {

	@Override
	String expectedExtensions() {
		return "permessage-deflate";
	}

}
