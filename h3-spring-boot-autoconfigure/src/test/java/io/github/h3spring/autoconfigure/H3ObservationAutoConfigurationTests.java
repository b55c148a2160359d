package io.github.h3spring.autoconfigure;

import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.observation.DefaultEventStreamObservationConvention;
import io.github.h3spring.observation.EventStreamObservationContext;
import io.github.h3spring.observation.EventStreamObservationConvention;
import io.github.h3spring.websocket.WebSocketHooks;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class H3ObservationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3ObservationAutoConfiguration.class, H3AutoConfiguration.class,
				H3WebFluxAutoConfiguration.class, WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void whenAnObservationRegistryIsPresentThenTheRuntimeObservesWithIt() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			H3Observations observations = context.getBean(H3Observations.class);
			assertThat(observations.isNoop()).isFalse();
			assertThat(observations.observesHooks()).isTrue();
		});
	}

	@Test
	void whenThereIsNoObservationRegistryThenNothingIsObserved() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(H3Observations.class));
	}

	@Test
	void whenTheRegistryHasNoHandlerThenHookCallsAreNotObserved() {
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create).run((context) -> {
			H3Observations observations = context.getBean(H3Observations.class);
			assertThat(observations.isNoop()).isTrue();
			assertThat(observations.observesHooks()).isFalse();
		});
	}

	@Test
	void whenObservationsAreDisabledThenNothingIsObserved() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("h3.observations.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(H3Observations.class));
	}

	@Test
	void whenHookObservationsAreDisabledThenTheRestIsStillObserved() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("h3.observations.websocket-hooks=false")
			.run((context) -> {
				H3Observations observations = context.getBean(H3Observations.class);
				assertThat(observations.isNoop()).isFalse();
				assertThat(observations.observesHooks()).isFalse();
			});
	}

	@Test
	void whenH3IsDisabledThenNothingIsObserved() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("h3.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(H3Observations.class));
	}

	@Test
	void aConventionBeanNamesTheObservations() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(EventStreamObservationConvention.class, RenamedStreams::new)
			.run((context) -> {
				context.getBean(H3Observations.class).stream(EventStreamObservationContext::new).start().stop();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("chat.streams")
					.that()
					.hasLowCardinalityKeyValue("outcome", "open");
			});
	}

	static class RenamedStreams extends DefaultEventStreamObservationConvention {

		@Override
		public String getName() {
			return "chat.streams";
		}

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
