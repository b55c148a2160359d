package io.github.h3spring.internal.webmvc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Lets annotated controllers take an {@code H3Event} and return an {@code EventStream}:
 * the MVC counterpart of {@code createEventStream(exchange)} and {@code flux()} on
 * WebFlux. Both go first in the adapter's lists, because {@code @RestController}'s body
 * processor claims every return type.
 */
public final class AnnotatedControllerSupport implements SmartInitializingSingleton {

	private final ObjectProvider<RequestMappingHandlerAdapter> adapters;

	private final long maxInMemorySize;

	/**
	 * Creates the support for the application's annotated controllers.
	 * @param adapters the adapter of the annotated controllers, if there is one
	 * @param maxInMemorySize the most bytes an {@code H3Event} body reader holds
	 */
	public AnnotatedControllerSupport(ObjectProvider<RequestMappingHandlerAdapter> adapters, long maxInMemorySize) {
		this.adapters = adapters;
		this.maxInMemorySize = maxInMemorySize;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.adapters.ifUnique(this::register);
	}

	private void register(RequestMappingHandlerAdapter adapter) {
		List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
		resolvers.add(new H3EventArgumentResolver(adapter.getMessageConverters(), this.maxInMemorySize));
		List<HandlerMethodArgumentResolver> currentResolvers = adapter.getArgumentResolvers();
		if (currentResolvers != null) {
			resolvers.addAll(currentResolvers);
		}
		adapter.setArgumentResolvers(resolvers);
		List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
		handlers.add(new EventStreamReturnValueHandler());
		List<HandlerMethodReturnValueHandler> currentHandlers = adapter.getReturnValueHandlers();
		if (currentHandlers != null) {
			handlers.addAll(currentHandlers);
		}
		adapter.setReturnValueHandlers(handlers);
	}

}
