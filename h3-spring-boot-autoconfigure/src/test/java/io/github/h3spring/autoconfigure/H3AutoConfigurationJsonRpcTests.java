package io.github.h3spring.autoconfigure;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.handler.InvalidH3HandlerException;
import io.github.h3spring.internal.metrics.MicrometerH3Metrics;
import io.github.h3spring.jsonrpc.JsonRpcMethod;
import io.github.h3spring.jsonrpc.JsonRpcService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON-RPC services at start-up: the mistakes that fail it, and the meters of their
 * calls.
 */
class H3AutoConfigurationJsonRpcTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebFluxAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void whenAServiceHasNoJsonRpcMethodThenStartUpFails() {
		this.contextRunner.withBean("empty", EmptyService.class)
			.run((context) -> assertFailure(context.getStartupFailure(),
					"implements JsonRpcService but has no @JsonRpcMethod method", "Annotate the methods to serve"));
	}

	@Test
	void whenTwoMethodsShareANameThenStartUpFailsNamingBoth() {
		this.contextRunner.withUserConfiguration(DuplicateNameConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(), "has two @JsonRpcMethod methods named 'add'",
					"JSON-RPC has no overloading"));
	}

	@Test
	void whenAMethodTakesAReservedNameThenStartUpFails() {
		this.contextRunner.withUserConfiguration(ReservedNameConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(), "'rpc.discover', but JSON-RPC reserves",
					"does not start with 'rpc.'"));
	}

	@Test
	void whenAServiceIsAlsoAnEventHandlerThenStartUpFails() {
		this.contextRunner.withUserConfiguration(EventHandlerServiceConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(),
					"implements both JsonRpcService and EventHandler", "two beans on two paths"));
	}

	@Test
	void whenAServiceDeclaresHttpMethodsThenStartUpFails() {
		this.contextRunner.withUserConfiguration(HttpMethodsConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(), "declares HTTP methods [GET]",
					"JSON-RPC is served over POST"));
	}

	@Test
	void callsAreCountedByMethodAndOutcomeAndTimed() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withUserConfiguration(CalculatorConfiguration.class)
			.withBean(MicrometerH3Metrics.class, () -> new MicrometerH3Metrics(registry))
			.run((context) -> {
				WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
				for (String body : new String[] { "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}",
						"{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1],\"id\":2}",
						"{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":3}" }) {
					client.post()
						.uri("/calc")
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(body)
						.exchange()
						.expectStatus()
						.isOk();
				}
				assertThat(
						registry.get("h3.jsonrpc.calls").tags("method", "add", "outcome", "success").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("h3.jsonrpc.calls")
					.tags("method", "add", "outcome", "invalid_params")
					.counter()
					.count()).isEqualTo(1);
				assertThat(registry.get("h3.jsonrpc.calls")
					.tags("method", "UNKNOWN", "outcome", "method_not_found")
					.counter()
					.count()).isEqualTo(1);
				assertThat(
						registry.get("h3.jsonrpc.duration").tags("method", "add", "outcome", "success").timer().count())
					.isEqualTo(1);
			});
	}

	private static void assertFailure(Throwable failure, String description, String action) {
		assertThat(failure).isNotNull();
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidH3HandlerException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("InvalidH3HandlerException in the cause chain of %s", failure).isNotNull();
		FailureAnalysis analysis = new H3FailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(description);
		assertThat(analysis.getAction()).contains(action);
	}

	@H3Handler("/empty")
	static class EmptyService implements JsonRpcService {

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateNameConfiguration {

		@Bean
		@H3Handler("/calc")
		JsonRpcService calculator() {
			return new JsonRpcService() {
				@JsonRpcMethod
				int add(int a, int b) {
					return a + b;
				}

				@JsonRpcMethod("add")
				int addThree(int a, int b, int c) {
					return a + b + c;
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReservedNameConfiguration {

		@Bean
		@H3Handler("/calc")
		JsonRpcService calculator() {
			return new JsonRpcService() {
				@JsonRpcMethod("rpc.discover")
				String discover() {
					return "";
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EventHandlerServiceConfiguration {

		@Bean
		@H3Handler("/calc")
		Object calculator() {
			return new Both();
		}

		static class Both implements JsonRpcService, EventHandler {

			@JsonRpcMethod
			int add(int a, int b) {
				return a + b;
			}

			@Override
			public Object handle(H3Event event) {
				return "";
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HttpMethodsConfiguration {

		@Bean
		@H3Handler(path = "/calc", method = "GET")
		Calculator calculator() {
			return new Calculator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CalculatorConfiguration {

		@Bean
		@H3Handler("/calc")
		Calculator calculator() {
			return new Calculator();
		}

	}

	static class Calculator implements JsonRpcService {

		@JsonRpcMethod
		int add(int a, int b) {
			return a + b;
		}

	}

}
