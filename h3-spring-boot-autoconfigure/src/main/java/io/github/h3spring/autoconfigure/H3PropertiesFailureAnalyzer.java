package io.github.h3spring.autoconfigure;

import java.util.stream.Collectors;

import io.github.h3spring.autoconfigure.InvalidH3PropertiesException.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.Environment;

/**
 * Explains invalid {@code h3.*} values: each property with its value as written and where
 * it was set, why the value cannot work, and what to set instead.
 */
class H3PropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidH3PropertiesException> {

	private final @Nullable Environment environment;

	H3PropertiesFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidH3PropertiesException cause) {
		String description = cause.violations()
			.stream()
			.map(this::describe)
			.collect(Collectors.joining(System.lineSeparator()));
		String action = cause.violations()
			.stream()
			.map(Violation::action)
			.distinct()
			.collect(Collectors.joining(System.lineSeparator()));
		return new FailureAnalysis(description, action, cause);
	}

	private String describe(Violation violation) {
		ConfigurationProperty property = find(violation.name());
		Object value = (property != null) ? property.getValue() : violation.value();
		StringBuilder description = new StringBuilder("Invalid value '").append(value)
			.append("' for configuration property '")
			.append(violation.name())
			.append("'");
		String origin = (property != null) ? origin(property.getOrigin()) : null;
		if (origin != null) {
			description.append(" (").append(origin).append(")");
		}
		return description.append(": ").append(violation.reason()).append('.').toString();
	}

	/** The property as the application set it, under any of its relaxed names. */
	private @Nullable ConfigurationProperty find(String name) {
		if (this.environment == null) {
			return null;
		}
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

	private static @Nullable String origin(@Nullable Origin origin) {
		if (origin instanceof PropertySourceOrigin propertySource) {
			return (propertySource.getOrigin() != null) ? origin(propertySource.getOrigin())
					: "from property source '" + propertySource.getPropertySource().getName() + "'";
		}
		return (origin != null) ? "originating from '" + origin + "'" : null;
	}

}
