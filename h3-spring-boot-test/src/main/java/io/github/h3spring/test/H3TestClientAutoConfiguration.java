package io.github.h3spring.test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link H3TestClient} bean of
 * {@link AutoConfigureH3TestClient @AutoConfigureH3TestClient}. The server's port is read
 * when the client is first used, since the server starts after the bean is created.
 */
@AutoConfiguration
public final class H3TestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	H3TestClient h3TestClient(Environment environment) {
		return H3TestClient.forBaseUrl(() -> baseUrl(environment));
	}

	private static String baseUrl(Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("No server is running: use @SpringBootTest(webEnvironment = RANDOM_PORT) "
					+ "or DEFINED_PORT with @AutoConfigureH3TestClient");
		}
		return "ws://localhost:" + port + environment.getProperty("spring.webflux.base-path", "");
	}

}
