package io.github.h3spring.internal.webmvc;

import java.util.List;

import io.github.h3spring.H3Event;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Gives an annotated controller method an {@link H3Event} parameter, so that it can
 * create an event stream with {@code createEventStream(event)} and read the request as an
 * {@code EventHandler} does.
 */
final class H3EventArgumentResolver implements HandlerMethodArgumentResolver {

	private final List<HttpMessageConverter<?>> converters;

	private final long maxInMemorySize;

	H3EventArgumentResolver(List<HttpMessageConverter<?>> converters, long maxInMemorySize) {
		this.converters = converters;
		this.maxInMemorySize = maxInMemorySize;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == H3Event.class;
	}

	@Override
	public H3Event resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		Assert.state(request != null, "An H3Event needs a servlet request");
		return new DefaultH3Event(ServerRequest.create(request, this.converters), this.maxInMemorySize);
	}

}
