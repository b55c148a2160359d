package io.github.h3spring.autoconfigure;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Handler;
import io.github.h3spring.jsonrpc.JsonRpcMethod;
import io.github.h3spring.jsonrpc.JsonRpcService;
import io.github.h3spring.websocket.WebSocketHooks;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring AOT records for the {@code @H3Handler} beans: the reflection a native image
 * needs to find the handlers and read their paths at start-up, and to call JSON-RPC
 * methods (docs/reference.md, "Spring AOT").
 */
class H3HandlerAotTests {

	@Test
	void annotatedHandlerClassesAndBeanMethodsAreRegisteredForReflection() {
		RuntimeHints hints = processAheadOfTime(AnnotatedSocket.class, HandlerConfiguration.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(AnnotatedSocket.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(HandlerConfiguration.class, "stream"))
			.accepts(hints);
	}

	@Test
	void jsonRpcMethodsAreRegisteredForInvocation() {
		RuntimeHints hints = processAheadOfTime(Calculator.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "add")).accepts(hints);
	}

	private static RuntimeHints processAheadOfTime(Class<?>... components) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(components);
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(H3HandlerAotTests.class)), new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			return generation.getRuntimeHints();
		}
	}

	@H3Handler("/_ws")
	static class AnnotatedSocket implements WebSocketHooks {

	}

	@H3Handler("/calc")
	static class Calculator implements JsonRpcService {

		@JsonRpcMethod
		public int add(int a, int b) {
			return a + b;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		@H3Handler("/sse")
		EventHandler stream() {
			return (event) -> "hello";
		}

	}

}
