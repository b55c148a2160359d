package io.github.h3spring.internal.webmvc;

import java.util.List;

import io.github.h3spring.sse.EventStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers with an {@link EventStream} that an annotated controller method returns, as
 * {@code send()} does for a handler: servlet async I/O, no thread held. Ahead of the
 * {@code @ResponseBody} processor, which would otherwise write the stream as JSON.
 */
final class EventStreamReturnValueHandler implements HandlerMethodReturnValueHandler {

	private static final ServerResponse.Context NO_CONVERTERS = List::<HttpMessageConverter<?>>of;

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return EventStream.class.isAssignableFrom(returnType.getParameterType());
	}

	@Override
	public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			ModelAndViewContainer mavContainer, NativeWebRequest webRequest) throws Exception {
		mavContainer.setRequestHandled(true);
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
		Assert.state(request != null && response != null, "An EventStream needs a servlet request and response");
		if (returnValue == null) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		ServerResponse streamResponse = ((EventStream) returnValue).send();
		streamResponse.writeTo(request, response, NO_CONVERTERS);
	}

}
