package io.github.h3spring.internal.websocket.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * An upgrade request that offers no extensions, for
 * {@code h3.websocket.compression=false}: Tomcat negotiates every extension it has when
 * the handshake selects none, so the offer itself must go.
 */
final class WithoutExtensions extends HttpServletRequestWrapper {

	private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	WithoutExtensions(HttpServletRequest request) {
		super(request);
	}

	@Override
	public @Nullable String getHeader(String name) {
		return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = Collections.list(super.getHeaderNames());
		names.removeIf(EXTENSIONS::equalsIgnoreCase);
		return Collections.enumeration(names);
	}

}
