package io.github.h3spring.autoconfigure;

import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.actuate.H3Endpoint;
import io.github.h3spring.internal.metrics.H3Metrics;
import io.github.h3spring.internal.metrics.MicrometerH3Metrics;
import io.github.h3spring.websocket.WebSocketHooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class H3ObservabilityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebFluxAutoConfiguration.class,
				H3MetricsAutoConfiguration.class, H3EndpointAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void whenAMeterRegistryIsPresentThenTheRuntimeRecordsMeters() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerH3Metrics.class);
			assertThat(context.getBean(MeterRegistry.class)
				.find("h3.websocket.messages")
				.tag("handler", "echo")
				.counters()).hasSize(2);
		});
	}

	@Test
	void whenThereIsNoMeterRegistryThenNoMetricsBeanIsCreated() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(H3Metrics.class);
		});
	}

	@Test
	void whenMicrometerIsAbsentThenTheApplicationStillStarts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(H3Metrics.class));
	}

	@Test
	void whenTheEndpointIsExposedThenItIsRegistered() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=h3")
			.run((context) -> assertThat(context).hasSingleBean(H3Endpoint.class));
	}

	@Test
	void whenTheEndpointIsNotExposedThenItIsNotRegistered() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(H3Endpoint.class));
	}

	@Test
	void whenActuatorIsAbsentThenTheEndpointBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=h3")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(H3Endpoint.class));
	}

	@Test
	void whenH3IsDisabledThenNeitherMetricsNorTheEndpointAreRegistered() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("h3.enabled=false", "management.endpoints.web.exposure.include=h3")
			.run((context) -> assertThat(context).doesNotHaveBean(H3Metrics.class).doesNotHaveBean(H3Endpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		@H3Handler("/echo")
		WebSocketHooks echo() {
			return new WebSocketHooks() {
			};
		}

	}

}
