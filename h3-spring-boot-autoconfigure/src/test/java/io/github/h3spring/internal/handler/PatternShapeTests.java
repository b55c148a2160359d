package io.github.h3spring.internal.handler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class PatternShapeTests {

	@ParameterizedTest(name = "{0} and {1}")
	@CsvSource(delimiter = ' ',
			value = { "/rooms/{id} /rooms/{room}", "/files/** /files/{*rest}", "/{*path} /**",
					"/**/index.html /{*path}/index.html", "/a/{x}-{y}.txt /a/{first}-{second}.txt",
					"/items/{id:\\d+} /items/{number:\\d+}", "/codes/{c:[a-z]{2}} /codes/{code:[a-z]{2}}",
					"/esc/{a:x\\}y} /esc/{b:x\\}y}", "/chat /chat" })
	void patternsThatMatchTheSameRequestsHaveOneShape(String first, String second) {
		assertThat(shape(first)).isEqualTo(shape(second));
	}

	@ParameterizedTest(name = "{0} and {1}")
	@CsvSource(delimiter = ' ',
			value = { "/items/{id:\\d+} /items/{id}", "/items/{id:\\d+} /items/{id:[0-9]+}",
					"/codes/{c:[a-z]{2}} /codes/{c:[a-z]{3}}", "/docs/* /docs/{name}", "/docs/** /docs/*",
					"/chat /chat/", "/chat /Chat", "/a**b /a/**", "/rooms/{id} /rooms/{id}/{part}" })
	void patternsThatOnlyOverlapOrDifferHaveDifferentShapes(String first, String second) {
		assertThat(shape(first)).isNotEqualTo(shape(second));
	}

	private static String shape(String pattern) {
		return PatternShape.of(PathPatternParser.defaultInstance.parse(pattern));
	}

}
