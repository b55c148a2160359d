package io.github.h3spring.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nginx configuration that docs/deployment.md shows is the one
 * {@link BehindNginxTests} runs.
 */
class DeploymentDocumentationTests {

	@Test
	void theGuideShowsTheTestedNginxConfigurationVerbatim() throws IOException {
		String guide = Files.readString(Path.of("..", "docs", "deployment.md"));
		String configuration = Files.readString(Nginx.DOCUMENTED_CONFIGURATION);
		assertThat(configuration).contains("proxy_buffering off;", "${H3_INSTANCE_A}");
		assertThat(guide).contains("```nginx\n" + configuration + "```\n");
	}

}
