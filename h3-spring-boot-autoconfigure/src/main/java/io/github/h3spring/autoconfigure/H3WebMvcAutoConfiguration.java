package io.github.h3spring.autoconfigure;

import java.time.Duration;

import io.github.h3spring.autoconfigure.H3AutoConfiguration.H3Handlers;
import io.github.h3spring.internal.observation.H3Observations;
import io.github.h3spring.internal.webmvc.AnnotatedControllerSupport;
import io.github.h3spring.internal.webmvc.H3RouterFunctions;
import io.github.h3spring.internal.webmvc.JettyRequestHeadDeadline;
import io.github.h3spring.internal.webmvc.TomcatRequestHeadDeadline;
import org.apache.catalina.connector.Connector;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The Spring MVC transport on a servlet container (Tomcat, Jetty): one MVC
 * {@link RouterFunction} for the HTTP side of the {@code @H3Handler} beans, event streams
 * included, ordered as the WebFlux one; and {@code H3Event} parameters and
 * {@code EventStream} return values for annotated controllers.
 */
@AutoConfiguration(after = H3AutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(H3Handlers.class)
public final class H3WebMvcAutoConfiguration {

	/** WebFlux's default {@code spring.http.codecs.max-in-memory-size}. */
	private static final DataSize DEFAULT_MAX_IN_MEMORY_SIZE = DataSize.ofKilobytes(256);

	@Bean
	@Order(0)
	RouterFunction<ServerResponse> h3RouterFunction(H3Handlers handlers, Environment environment,
			ObjectProvider<H3Observations> observations) {
		return H3RouterFunctions.build(handlers.definitions(), maxInMemorySize(environment),
				H3AutoConfiguration.observations(observations));
	}

	@Bean
	WebMvcConfigurer h3JsonRpcCors(ObjectProvider<H3Handlers> handlers, H3Properties properties) {
		// the handlers are looked up when the mappings are built, once they exist
		return new WebMvcConfigurer() {
			@Override
			public void addCorsMappings(CorsRegistry registry) {
				JsonRpcCorsMappings.register(handlers.getObject(), properties.getJsonrpc(),
						(path, cors) -> registry.addMapping(path).combine(cors));
			}
		};
	}

	@Bean
	AnnotatedControllerSupport h3AnnotatedControllerSupport(ObjectProvider<RequestMappingHandlerAdapter> adapters,
			Environment environment) {
		return new AnnotatedControllerSupport(adapters, maxInMemorySize(environment));
	}

	/** The request head deadline on Jetty. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyServerCustomizer.class })
	static class JettyRequestHeadDeadlineConfiguration {

		@Bean
		JettyServerCustomizer h3RequestHeadDeadline(H3Properties properties) {
			Duration timeout = properties.getWebsocket().getHandshakeTimeout();
			return (server) -> {
				if (!timeout.isZero()) {
					JettyRequestHeadDeadline.install(server, timeout);
				}
			};
		}

	}

	/** The request head deadline on Tomcat. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Connector.class, TomcatConnectorCustomizer.class })
	static class TomcatRequestHeadDeadlineConfiguration {

		@Bean
		TomcatConnectorCustomizer h3RequestHeadDeadline(H3Properties properties) {
			Duration timeout = properties.getWebsocket().getHandshakeTimeout();
			return (connector) -> {
				if (!timeout.isZero()) {
					TomcatRequestHeadDeadline.install(connector, timeout);
				}
			};
		}

	}

	/**
	 * The limit WebFlux's codecs apply to H3Event's body readers, so that both stacks
	 * agree.
	 */
	private static long maxInMemorySize(Environment environment) {
		BindResult<DataSize> size = Binder.get(environment)
			.bind("spring.http.codecs.max-in-memory-size", DataSize.class);
		return (size.isBound() ? size.get() : DEFAULT_MAX_IN_MEMORY_SIZE).toBytes();
	}

}
