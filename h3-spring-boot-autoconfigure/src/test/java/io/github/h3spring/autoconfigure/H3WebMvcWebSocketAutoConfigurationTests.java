package io.github.h3spring.autoconfigure;

import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.websocket.servlet.ServletWebSocketHandlerMapping;
import io.github.h3spring.websocket.WebSocketHooks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link H3WebMvcWebSocketAutoConfiguration}.
 */
class H3WebMvcWebSocketAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebMvcWebSocketAutoConfiguration.class,
				JacksonAutoConfiguration.class));

	@Test
	void whenAServletApplicationHasHooksThenTheWebSocketMappingIsOrderedAheadOfTheMvcRoutes() {
		this.contextRunner.withUserConfiguration(HooksConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ServletWebSocketHandlerMapping.class);
			assertThat(context.getBean(ServletWebSocketHandlerMapping.class).getOrder())
				.isEqualTo(ServletWebSocketHandlerMapping.ORDER)
				.isNegative();
		});
	}

	@Test
	void whenSpringWebSocketIsNotPresentThenAutoConfigurationBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.socket"))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebSocketHandlerMapping.class));
	}

	@Test
	void whenTheApplicationIsReactiveThenAutoConfigurationBacksOff() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(H3WebMvcWebSocketAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebSocketHandlerMapping.class));
	}

	@Test
	void whenDisabledThenAutoConfigurationBacksOff() {
		this.contextRunner.withPropertyValues("h3.enabled=false")
			.withUserConfiguration(HooksConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ServletWebSocketHandlerMapping.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class HooksConfiguration {

		@Bean
		@H3Handler("/_ws")
		WebSocketHooks echo() {
			return new WebSocketHooks() {
			};
		}

	}

}
