package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import io.github.h3spring.autoconfigure.H3AutoConfiguration.H3Handlers;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.pattern.PathPattern;

/**
 * CORS for the paths of the JSON-RPC services when {@code h3.jsonrpc.allowed-origins}
 * lets pages of other origins call them: the web stack's own CORS support answers their
 * preflights and adds {@code Access-Control-Allow-Origin}, so that a {@code fetch} with
 * {@code Content-Type: application/json} can read the answer. Without credentials:
 * cookies of the server's own origin do not go along.
 *
 * @param paths the path patterns of the services
 * @param configuration what those origins may do: {@code POST} with {@code Content-Type}
 */
record JsonRpcCorsMappings(List<String> paths, CorsConfiguration configuration) {

	private static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(30);

	/**
	 * Registers the mappings with a stack's CORS registry, when any origin besides the
	 * server's own is allowed.
	 * @param registry adds one path pattern with its configuration
	 */
	static void register(H3Handlers handlers, H3Properties.Jsonrpc jsonrpc,
			BiConsumer<String, CorsConfiguration> registry) {
		JsonRpcCorsMappings mappings = of(handlers, jsonrpc);
		if (mappings != null) {
			mappings.paths().forEach((path) -> registry.accept(path, mappings.configuration()));
		}
	}

	/**
	 * The mappings, or {@code null} when no origin besides the server's own is allowed.
	 */
	static @Nullable JsonRpcCorsMappings of(H3Handlers handlers, H3Properties.Jsonrpc jsonrpc) {
		List<String> paths = handlers.definitions()
			.stream()
			.filter((definition) -> definition.jsonRpc() != null)
			.flatMap((definition) -> definition.patterns().stream())
			.map(PathPattern::getPatternString)
			.toList();
		if (paths.isEmpty() || jsonrpc.getAllowedOrigins().isEmpty()) {
			return null;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(jsonrpc.getAllowedOrigins());
		configuration.setAllowedMethods(List.of(HttpMethod.POST.name()));
		configuration.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE));
		configuration.setMaxAge(PREFLIGHT_MAX_AGE);
		return new JsonRpcCorsMappings(paths, configuration);
	}

}
