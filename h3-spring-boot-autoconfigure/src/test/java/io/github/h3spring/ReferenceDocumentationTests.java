package io.github.h3spring;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/reference.md} in step with the code: every {@code h3.*} property of
 * the generated configuration metadata and every public type of the public packages has a
 * row, and no row names a property that no longer exists.
 */
class ReferenceDocumentationTests {

	private static final Path REFERENCE = Path.of("..", "docs", "reference.md");

	private static final Pattern PROPERTY_ROW = Pattern.compile("^\\| `(h3\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE);

	private static final Pattern TYPE_ROW = Pattern.compile("^\\| `([A-Z][A-Za-z0-9]*)` \\|", Pattern.MULTILINE);

	@Test
	void everyPropertyIsDocumentedAndEveryDocumentedPropertyExists() throws IOException {
		Set<String> documented = matches(PROPERTY_ROW);
		Set<String> generated = generatedProperties();
		assertThat(generated).as("h3.* properties of the configuration metadata").isNotEmpty();
		assertThat(documented)
			.as("properties listed in %s; add a row '| `name` | type | default | description |' for a new property "
					+ "and remove the rows of removed ones", REFERENCE)
			.containsExactlyInAnyOrderElementsOf(generated);
	}

	@Test
	void everyPublicTypeIsDocumented() throws Exception {
		Set<String> publicTypes = publicTypes();
		assertThat(publicTypes).as("public types found").contains("H3Handler", "Peer", "H3TestClient");
		assertThat(matches(TYPE_ROW))
			.as("types listed in %s; add a row '| `Type` | what it is |' under its package", REFERENCE)
			.containsAll(publicTypes);
	}

	private static Set<String> matches(Pattern row) throws IOException {
		Matcher matcher = row.matcher(Files.readString(REFERENCE));
		Set<String> names = new TreeSet<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static Set<String> generatedProperties() throws IOException {
		Set<String> names = new TreeSet<>();
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(ReferenceDocumentationTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("h3.")) {
						names.add(name);
					}
				}
			}
		}
		return names;
	}

	/** Public top-level types of the public packages, from main classes only. */
	private static Set<String> publicTypes() throws Exception {
		Set<String> names = new TreeSet<>();
		Resource[] classes = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/h3spring/**/*.class");
		for (Resource resource : classes) {
			String url = resource.getURL().toString();
			if (url.contains("/test-classes/") || url.contains("/internal/") || url.contains("$")
					|| url.endsWith("package-info.class")) {
				continue;
			}
			String className = url.substring(url.lastIndexOf("io/github/h3spring/"), url.length() - ".class".length())
				.replace('/', '.');
			Class<?> type = ClassUtils.forName(className, ReferenceDocumentationTests.class.getClassLoader());
			if (Modifier.isPublic(type.getModifiers())) {
				names.add(type.getSimpleName());
			}
		}
		return names;
	}

}
