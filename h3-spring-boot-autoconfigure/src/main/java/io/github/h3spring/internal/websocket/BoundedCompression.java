package io.github.h3spring.internal.websocket;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * permessage-deflate that never inflates a frame beyond the message size limit. Reactor
 * Netty's own compression inflates without bound (a small frame can expand to gigabytes),
 * so the extension handler is installed here, with Netty's inflation cap, before the
 * handshake.
 */
final class BoundedCompression {

	private static final String HANDLER_NAME = "h3.wsCompression";

	static final String EXTENSION = "permessage-deflate";

	private BoundedCompression() {
	}

	/**
	 * Whether the client offered permessage-deflate: an extension of that name in any
	 * {@code Sec-WebSocket-Extensions} header, not a name that merely contains it.
	 */
	static boolean isOffered(ServerWebExchange exchange) {
		return exchange.getRequest()
			.getHeaders()
			.getValuesAsList(WebSocketHeaders.EXTENSIONS)
			.stream()
			.map((extension) -> extension.split(";", 2)[0].trim())
			.anyMatch(EXTENSION::equalsIgnoreCase);
	}

	/**
	 * Whether the handshake of a connection negotiated the extension: its decoder is
	 * installed.
	 */
	static boolean isNegotiated(Channel channel) {
		return channel.pipeline().get(WebSocketExtensionDecoder.class) != null;
	}

	/**
	 * Installs the extension handler on the upgrade's connection and lets it see the
	 * request's offer, as Reactor Netty does for its own handler.
	 */
	static void install(ServerWebExchange exchange, int maxInflatedFrameSize) throws Exception {
		Connection connection = (Connection) ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		WebSocketServerCompressionHandler handler = new WebSocketServerCompressionHandler(maxInflatedFrameSize);
		connection.addHandlerFirst(HANDLER_NAME, handler);
		HttpRequest offer = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
				exchange.getRequest().getURI().getRawPath());
		exchange.getRequest().getHeaders().forEach((name, values) -> offer.headers().add(name, values));
		// read through the last handler's context, so the copy of the request goes no
		// further
		handler.channelRead(connection.channel().pipeline().context(NettyPipeline.ReactiveBridge), offer);
	}

}
