package io.github.h3spring.internal.jsonrpc;

import java.net.URI;
import java.util.function.BiPredicate;

import io.github.h3spring.H3Exception;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * h3's HTTP defaults for JSON-RPC, checked in h3's order before the body is read:
 * {@code POST} only (else 405), a JSON content type (else 415), which an HTML form cannot
 * send without a CORS preflight, and pages of the server's own origin or of
 * {@code h3.jsonrpc.allowed-origins} only (else 403): together a defence against
 * cross-site request forgery. The CORS side of allowed origins (preflights,
 * {@code Access-Control-Allow-Origin}) is the web stack's own CORS support, configured
 * for the same origins.
 */
public final class JsonRpcHttpGate {

	private final BiPredicate<HttpHeaders, URI> origins;

	JsonRpcHttpGate(BiPredicate<HttpHeaders, URI> origins) {
		this.origins = origins;
	}

	/**
	 * Lets a request through or refuses it.
	 * @throws H3Exception the refusal, with its status and reason
	 */
	public void check(HttpMethod method, HttpHeaders headers, URI uri) {
		if (!HttpMethod.POST.equals(method)) {
			throw H3Exception.of(405, "JSON-RPC requests are sent with POST")
				.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
		}
		if (!isJson(contentType(headers))) {
			throw H3Exception.of(415, "JSON-RPC requests need Content-Type application/json, "
					+ "application/json-rpc or another +json type");
		}
		if (!this.origins.test(headers, uri)) {
			throw H3Exception.of(403, "Pages of origin " + headers.getOrigin()
					+ " may not call this JSON-RPC service: list the origin in h3.jsonrpc.allowed-origins");
		}
	}

	private static @Nullable MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	private static boolean isJson(@Nullable MediaType type) {
		if (type == null || !"application".equals(type.getType())) {
			return false;
		}
		String subtype = type.getSubtype();
		return "json".equals(subtype) || "json-rpc".equals(subtype) || subtype.endsWith("+json");
	}

}
