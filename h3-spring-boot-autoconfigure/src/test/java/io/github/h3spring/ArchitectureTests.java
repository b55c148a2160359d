package io.github.h3spring;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering the code keeps (DESIGN.md, "Architecture"): the public API never hands out
 * an internal type, the runtime never reaches back into the auto-configuration, and the
 * two transports, WebFlux and Spring MVC, know nothing of each other.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.h3spring");

	private static final String[] API = { "io.github.h3spring", "io.github.h3spring.websocket",
			"io.github.h3spring.sse", "io.github.h3spring.pubsub", "io.github.h3spring.jsonrpc",
			"io.github.h3spring.observation" };

	private static final String[] SERVLET_TRANSPORT = { "io.github.h3spring.internal.webmvc..",
			"io.github.h3spring.internal.websocket.servlet.." };

	/** The WebFlux transport's classes that live beside the core in its packages. */
	private static final Set<String> WEBFLUX_TRANSPORT_CLASSES = Set.of("NettyPeerTransport", "UpgradeHandler",
			"ClosingHandshake", "BoundedCompression", "H3WebSocketHandlerMapping", "WebSocketEndpoints",
			"DefaultUpgradeRequest", "WebFluxEventStreamTransport");

	@Test
	void thePublicApiExposesNoInternalType() {
		codeUnits().that()
			.areDeclaredInClassesThat()
			.resideInAnyPackage(API)
			.and()
			.areDeclaredInClassesThat()
			.arePublic()
			.and(visibleOutsideTheirPackage())
			.should(exposeNoInternalType())
			.check(CLASSES);
	}

	@Test
	void theRuntimeDoesNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("io.github.h3spring.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.h3spring.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void theServletTransportDoesNotDependOnTheWebFluxTransport() {
		noClasses().that()
			.resideInAnyPackage(SERVLET_TRANSPORT)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor.netty..", "org.springframework.web.reactive..",
					"io.github.h3spring.internal.http..")
			.orShould()
			.dependOnClassesThat(DescribedPredicate.describe("are part of the WebFlux transport",
					(JavaClass type) -> WEBFLUX_TRANSPORT_CLASSES.contains(type.getSimpleName())))
			.check(CLASSES);
	}

	@Test
	void onlyTheServletTransportAndItsAutoConfigurationUseServletTypes() {
		noClasses().that()
			.resideOutsideOfPackages(
					Stream.concat(Stream.of(SERVLET_TRANSPORT), Stream.of("io.github.h3spring.autoconfigure.."))
						.toArray(String[]::new))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(Stream.concat(Stream.of(SERVLET_TRANSPORT),
					Stream.of("jakarta.servlet..", "org.springframework.web.servlet..",
							"org.springframework.web.socket.."))
				.toArray(String[]::new))
			.check(CLASSES);
	}

	private static DescribedPredicate<JavaCodeUnit> visibleOutsideTheirPackage() {
		return DescribedPredicate.describe("are public or protected",
				(JavaCodeUnit unit) -> unit.getModifiers().contains(JavaModifier.PUBLIC)
						|| unit.getModifiers().contains(JavaModifier.PROTECTED));
	}

	private static ArchCondition<JavaCodeUnit> exposeNoInternalType() {
		return new ArchCondition<>("expose no io.github.h3spring.internal type") {
			@Override
			public void check(JavaCodeUnit unit, ConditionEvents events) {
				List<JavaClass> signature = Stream
					.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
					.toList();
				signature.stream()
					.filter((type) -> type.getPackageName().startsWith("io.github.h3spring.internal"))
					.forEach((type) -> events
						.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + type.getName())));
			}
		};
	}

}
