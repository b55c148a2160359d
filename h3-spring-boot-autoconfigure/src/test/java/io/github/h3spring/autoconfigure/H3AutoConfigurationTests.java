package io.github.h3spring.autoconfigure;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.internal.handler.InvalidH3HandlerException;
import io.github.h3spring.internal.websocket.H3WebSocketHandlerMapping;
import io.github.h3spring.websocket.WebSocketHooks;
import io.github.h3spring.websocket.WebSocketHub;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class H3AutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebFluxAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void whenHandlersAreDeclaredThenTheHubAndTheWebSocketMappingAreRegistered() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WebSocketHub.class);
			assertThat(context).hasSingleBean(H3WebSocketHandlerMapping.class);
			assertThat(context.getBean(H3WebSocketHandlerMapping.class).getOrder()).isEqualTo(-2);
		});
	}

	@Test
	void whenTheApplicationIsNotReactiveThenAutoConfigurationBacksOff() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketHub.class));
	}

	@Test
	void whenReactorNettyIsAbsentThenStartUpFailsNamingIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(reactor.netty.http.server.HttpServer.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertStackFailure(context.getStartupFailure(), "without Reactor Netty",
					"spring-boot-starter-reactor-netty"));
	}

	@Test
	void whenWebFluxRunsOnAnotherServerThenStartUpFailsNamingReactorNetty() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class)
			.withBean(OtherReactiveServerFactory.class)
			.run((context) -> assertStackFailure(context.getStartupFailure(),
					"served by H3AutoConfigurationTests.OtherReactiveServerFactory",
					"Let Spring Boot pick Reactor Netty"));
	}

	@Test
	void whenTheApplicationRunsSpringMvcWithoutSpringWebSocketThenHooksFailTheStartUpWithTheFix() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, JacksonAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.web.socket"))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertStackFailure(context.getStartupFailure(), "with WebSocket hooks on Spring MVC",
					"spring-boot-starter-websocket"));
	}

	@Test
	void whenTheApplicationRunsSpringMvcThenTheMvcTransportServesTheHandlers() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebFluxAutoConfiguration.class,
					H3WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(org.springframework.web.servlet.function.RouterFunction.class)
				.doesNotHaveBean(H3WebSocketHandlerMapping.class));
	}

	@Test
	void whenAServletApplicationHasNoSpringMvcThenHandlersFailTheStartUpWithTheFix() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebMvcAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(org.springframework.web.servlet.function.RouterFunction.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertStackFailure(context.getStartupFailure(), "without Spring MVC",
					"spring-boot-starter-webmvc"));
	}

	@Test
	void whenTheApplicationRunsSpringMvcWithoutHandlersThenItStarts() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, JacksonAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(WebSocketHub.class));
	}

	@Test
	void whenDisabledThenAutoConfigurationBacksOff() {
		this.contextRunner.withPropertyValues("h3.enabled=false")
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketHub.class));
	}

	@Test
	void whenPropertiesAreNotSetThenDefaultsApply() {
		this.contextRunner.run((context) -> {
			H3Properties properties = context.getBean(H3Properties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getWebsocket().getMaxMessageSize().toKilobytes()).isEqualTo(64);
			assertThat(properties.getWebsocket().getSendBufferLimit().toMegabytes()).isEqualTo(1);
			assertThat(properties.getWebsocket().isCompression()).isTrue();
		});
	}

	@Test
	void whenABeanIsNeitherEventHandlerNorHooksThenStartUpFailsWithAnAction() {
		this.contextRunner.withUserConfiguration(NeitherConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(),
					"implements neither EventHandler nor WebSocketHooks", "Implement io.github.h3spring.EventHandler"));
	}

	@Test
	void whenTwoHandlersShareAPathThenStartUpFails() {
		this.contextRunner.withUserConfiguration(EchoConfiguration.class, DuplicatePathConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(), "are both mapped to '/_ws'",
					"Give each @H3Handler its own path"));
	}

	@Test
	void whenTwoHandlersDifferOnlyInVariableNamesThenStartUpFailsNamingBothBeansAndPatterns() {
		this.contextRunner.withUserConfiguration(RoomByIdConfiguration.class, RoomByNameConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(),
					"@H3Handler beans 'roomById' and 'roomByName' are mapped to '/rooms/{id}' and '/rooms/{room}', "
							+ "which match the same requests",
					"Give each @H3Handler its own path (patterns that differ only in the names of their variables"));
	}

	@Test
	void whenOneHandlerTakesTheRestOfThePathWithDoubleWildcardAndAnotherWithACaptureThenStartUpFails() {
		this.contextRunner.withUserConfiguration(FilesWildcardConfiguration.class, FilesCaptureConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(),
					"are mapped to '/files/**' and '/files/{*rest}', which match the same requests",
					"Give each @H3Handler its own path"));
	}

	@Test
	void whenARegexConstrainedVariableOverlapsAPlainOneThenBothHandlersAreMapped() {
		this.contextRunner.withUserConfiguration(RoomByIdConfiguration.class, RoomByNumberConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(H3AutoConfiguration.H3Handlers.class)
				.extracting((handlers) -> handlers.definitions().size())
				.isEqualTo(2));
	}

	@Test
	void whenOneHandlerDeclaresTwoPatternsThatMatchTheSameRequestsThenStartUpFails() {
		this.contextRunner.withUserConfiguration(EquivalentPatternsConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(),
					"@H3Handler bean 'twice' declares '/teams/{team}' and '/teams/{id}', which match the same requests",
					"Keep one of the two paths"));
	}

	@Test
	void whenPatternsOverlapThenHttpRequestsReachTheMoreSpecificOneWhateverTheBeanOrder() {
		this.contextRunner.withUserConfiguration(AnyFileConfiguration.class, NamedFileConfiguration.class)
			.run((context) -> WebTestClient.bindToApplicationContext(context)
				.build()
				.get()
				.uri("/docs/readme")
				.exchange()
				.expectBody(String.class)
				.isEqualTo("named readme"));
	}

	@Test
	void whenAPatternIsInvalidThenStartUpFails() {
		this.contextRunner.withUserConfiguration(InvalidPatternConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(), "invalid path pattern '/rooms/{room'",
					"Use a Spring PathPattern"));
	}

	@Test
	void whenAPathDoesNotStartWithSlashThenStartUpFails() {
		this.contextRunner.withUserConfiguration(RelativePathConfiguration.class)
			.run((context) -> assertFailure(context.getStartupFailure(), "does not start with '/'",
					"Use a Spring PathPattern"));
	}

	@Test
	void whenAPathHasAPlaceholderThenItIsResolved() {
		this.contextRunner.withPropertyValues("app.ws-path=/custom")
			.withUserConfiguration(PlaceholderConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(H3AutoConfiguration.H3Handlers.class)
				.extracting((handlers) -> handlers.definitions().get(0).patterns().get(0).getPatternString())
				.isEqualTo("/custom"));
	}

	private static void assertFailure(Throwable failure, String description, String action) {
		assertThat(failure).isNotNull();
		InvalidH3HandlerException cause = findCause(failure);
		FailureAnalysis analysis = new H3FailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(description);
		assertThat(analysis.getAction()).contains(action);
		assertThat(cause.getMessage()).contains(description);
	}

	private static void assertStackFailure(Throwable failure, String description, String action) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new H3FailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains(description);
		assertThat(analysis.getAction()).contains(action);
	}

	private static InvalidH3HandlerException findCause(Throwable failure) {
		Throwable current = failure;
		while (current != null && !(current instanceof InvalidH3HandlerException)) {
			current = current.getCause();
		}
		assertThat(current).as("InvalidH3HandlerException in the cause chain of %s", failure).isNotNull();
		return (InvalidH3HandlerException) current;
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		@H3Handler("/_ws")
		WebSocketHooks echo() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicatePathConfiguration {

		@Bean
		@H3Handler("/_ws")
		EventHandler other() {
			return (event) -> "other";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoomByIdConfiguration {

		@Bean
		@H3Handler("/rooms/{id}")
		WebSocketHooks roomById() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoomByNameConfiguration {

		@Bean
		@H3Handler("/rooms/{room}")
		WebSocketHooks roomByName() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoomByNumberConfiguration {

		@Bean
		@H3Handler("/rooms/{id:\\d+}")
		WebSocketHooks roomByNumber() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FilesWildcardConfiguration {

		@Bean
		@H3Handler("/files/**")
		EventHandler filesWildcard() {
			return (event) -> "wildcard";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FilesCaptureConfiguration {

		@Bean
		@H3Handler("/files/{*rest}")
		EventHandler filesCapture() {
			return (event) -> "capture";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EquivalentPatternsConfiguration {

		@Bean
		@H3Handler({ "/teams/{team}", "/teams/{id}" })
		WebSocketHooks twice() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnyFileConfiguration {

		@Bean
		@H3Handler("/docs/*")
		EventHandler anyFile() {
			return (event) -> "any";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamedFileConfiguration {

		@Bean
		@H3Handler("/docs/{name}")
		EventHandler namedFile() {
			return (event) -> "named " + event.pathParam("name");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeitherConfiguration {

		@Bean
		@H3Handler("/nothing")
		Object nothing() {
			return new Object();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InvalidPatternConfiguration {

		@Bean
		@H3Handler("/rooms/{room")
		WebSocketHooks rooms() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RelativePathConfiguration {

		@Bean
		@H3Handler("chat")
		WebSocketHooks chat() {
			return new WebSocketHooks() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderConfiguration {

		@Bean
		@H3Handler("${app.ws-path:/_ws}")
		WebSocketHooks placeholder() {
			return new WebSocketHooks() {
			};
		}

	}

	/** A reactive server that is not Reactor Netty, as Tomcat or Jetty would be. */
	static class OtherReactiveServerFactory implements ReactiveWebServerFactory {

		@Override
		public WebServer getWebServer(HttpHandler httpHandler) {
			throw new UnsupportedOperationException("never started");
		}

	}

}
