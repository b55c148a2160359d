package io.github.h3spring.scaleout;

/**
 * The Redis scale-out suite with instance A (and the third instance) on Spring MVC and
 * Tomcat, and instance B on WebFlux and Reactor Netty: peers of both stacks share the
 * topics.
 */
class RedisScaleOutAcrossStacksTests extends RedisScaleOutTests {

	@Override
	protected Stack stackOfB() {
		return Stack.WEBFLUX;
	}

}
