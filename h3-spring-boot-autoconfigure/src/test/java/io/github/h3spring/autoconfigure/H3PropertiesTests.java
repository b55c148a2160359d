package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Values of {@code h3.*} that the runtime cannot work with fail the start-up, each
 * analysed with the property, its value and what to set instead.
 */
class H3PropertiesTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(H3AutoConfiguration.class, H3WebFluxAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void whenMaxMessageSizeIsZeroThenStartUpFailsInsteadOfRefusingEveryUpgrade() {
		FailureAnalysis analysis = startUpFailure("h3.websocket.max-message-size=0KB");
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value '0KB' for configuration property 'h3.websocket.max-message-size' "
					+ "(from property source 'test'): it must be at least 1B and at most 2147483647B: "
					+ "a message larger than it closes its connection with 1009.");
		assertThat(analysis.getAction())
			.isEqualTo("Set h3.websocket.max-message-size to a size such as 64KB, or remove it to use the default.");
	}

	@Test
	void whenSseKeepAliveIsNegativeThenStartUpFailsWithAnAnalysis() {
		FailureAnalysis analysis = startUpFailure("h3.sse.keep-alive=-5s");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '-5s' for configuration property 'h3.sse.keep-alive'")
			.endsWith(": it must not be negative.");
		assertThat(analysis.getAction())
			.isEqualTo("Set h3.sse.keep-alive to a duration such as 15s, or 0 to disable the heartbeat.");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "h3.websocket.max-message-size|3GB|at most 2147483647B",
			"h3.websocket.send-buffer-limit|0|at least 1B: a peer is closed with 1008",
			"h3.websocket.idle-timeout|-1s|must not be negative",
			"h3.websocket.max-connections|0|it is not a way to say 'unlimited'",
			"h3.websocket.max-connections|-3|must be at least 1", "h3.sse.retry|-1s|must not be negative",
			"h3.sse.send-buffer-limit|0B|at least 1B: a stream is closed",
			"h3.sse.replay-buffer-size|-1|must not be negative", "h3.sse.replay-time-to-live|-1m|must not be negative",
			"h3.pubsub.channel|' '|must not be blank", "h3.pubsub.outbox-capacity|-1|must not be negative",
			"h3.pubsub.replay-window|0s|must be longer than 0", "h3.pubsub.initial-backoff|0ms|must be longer than 0",
			"h3.pubsub.max-backoff|0s|must be longer than 0",
			"h3.pubsub.max-backoff|50ms|must not be shorter than h3.pubsub.initial-backoff",
			"h3.pubsub.connect-timeout|-5s|must be longer than 0",
			"h3.jsonrpc.max-batch-size|0|must be at least 1: every batch larger than it is refused with -32600" })
	void whenAValueCannotWorkThenStartUpFailsNamingThePropertyAndWhatToSet(String name, String value, String reason) {
		FailureAnalysis analysis = startUpFailure(name + "=" + value);
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '" + value.replace("'", "") + "' for configuration property '" + name + "'")
			.contains(reason);
		assertThat(analysis.getAction()).startsWith("Set " + name + " to ");
	}

	@Test
	void whenSeveralValuesAreInvalidThenOneStartUpReportsThemAll() {
		FailureAnalysis analysis = startUpFailure("h3.websocket.send-buffer-limit=0", "h3.sse.keep-alive=-1s",
				"h3.pubsub.connect-timeout=0s");
		assertThat(analysis.getDescription().lines()).hasSize(3)
			.anySatisfy((line) -> assertThat(line).contains("'h3.websocket.send-buffer-limit'"))
			.anySatisfy((line) -> assertThat(line).contains("'h3.sse.keep-alive'"))
			.anySatisfy((line) -> assertThat(line).contains("'h3.pubsub.connect-timeout'"));
		assertThat(analysis.getAction().lines()).hasSize(3);
	}

	@Test
	void whenValuesAreAtTheirBoundsThenTheApplicationStarts() {
		this.contextRunner
			.withPropertyValues("h3.websocket.max-message-size=1B", "h3.websocket.send-buffer-limit=1B",
					"h3.websocket.idle-timeout=0", "h3.websocket.max-connections=1", "h3.sse.keep-alive=0",
					"h3.sse.retry=0", "h3.sse.send-buffer-limit=1B", "h3.sse.replay-buffer-size=0",
					"h3.sse.replay-time-to-live=0", "h3.pubsub.outbox-capacity=0", "h3.pubsub.initial-backoff=1ms",
					"h3.pubsub.max-backoff=1ms", "h3.pubsub.replay-window=1ms", "h3.pubsub.connect-timeout=1ms")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theAnalysisSaysWhereTheValueWasSet() {
		H3Properties properties = new H3Properties();
		properties.getWebsocket().setMaxMessageSize(DataSize.ofBytes(0));
		TextResourceOrigin origin = new TextResourceOrigin(new ByteArrayResource(new byte[0], "application.yml"),
				new TextResourceOrigin.Location(3, 22));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("application.yml",
					Map.of("h3.websocket.max-message-size", OriginTrackedValue.of("0KB", origin))));
		ConfigurationPropertySources.attach(environment);
		assertThatExceptionOfType(InvalidH3PropertiesException.class).isThrownBy(properties::afterPropertiesSet)
			.satisfies((ex) -> assertThat(new H3PropertiesFailureAnalyzer(environment).analyze(ex).getDescription())
				.startsWith("Invalid value '0KB' for configuration property 'h3.websocket.max-message-size' "
						+ "(originating from 'Byte array resource [application.yml] - 4:23')"));
	}

	@Test
	void theDefaultsAreValid() {
		new H3Properties().afterPropertiesSet();
		assertThat(new H3Properties().getSse().getKeepAlive()).isEqualTo(Duration.ofSeconds(15));
	}

	/**
	 * Starts the application with the given properties, expects it to fail and analyses
	 * the failure with every registered analyzer, as Boot does when an application fails
	 * to start.
	 */
	private FailureAnalysis startUpFailure(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = analyze(context.getStartupFailure(), environment(properties));
		});
		assertThat(analysis[0]).as("analysis of the start-up failure").isNotNull();
		return analysis[0];
	}

	private static Environment environment(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> values = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			values.put(property.substring(0, equals), property.substring(equals + 1));
		}
		environment.getPropertySources().addFirst(new MapPropertySource("test", values));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	private static FailureAnalysis analyze(Throwable failure, Environment environment) {
		ArgumentResolver arguments = ArgumentResolver.of(Environment.class, environment)
			.and(BeanFactory.class, new DefaultListableBeanFactory());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(H3PropertiesTests.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
