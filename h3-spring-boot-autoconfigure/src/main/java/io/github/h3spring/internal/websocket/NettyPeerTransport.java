package io.github.h3spring.internal.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import io.github.h3spring.websocket.CloseEvent;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCounted;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The Reactor Netty transport of a peer: frames go straight to the channel through
 * {@link PeerOutbound} (publishes as frames encoded once, past the WebSocket encoder),
 * the closing handshake waits for the client's Close, and the received frames become hook
 * calls.
 */
final class NettyPeerTransport implements PeerTransport {

	private static final Log logger = LogFactory.getLog(NettyPeerTransport.class);

	private static final int PROTOCOL_ERROR_CODE = 1002;

	private final WebsocketInbound inbound;

	private final WebsocketOutbound outbound;

	private final Connection connection;

	private final Channel channel;

	private final PeerOutbound sender;

	NettyPeerTransport(WebsocketInbound inbound, WebsocketOutbound outbound, long sendBufferLimit) {
		this.inbound = inbound;
		this.outbound = outbound;
		Connection[] holder = new Connection[1];
		inbound.withConnection((connection) -> {
			holder[0] = connection;
			ClosingHandshake.install(connection);
		});
		this.connection = holder[0];
		this.channel = this.connection.channel();
		this.sender = new PeerOutbound(this.channel, sendBufferLimit);
	}

	/**
	 * The hook calls of the frames the client sends, in arrival order; a protocol error
	 * closes the peer with its code. The peer stops reading them when the connection is
	 * gone.
	 */
	Flux<Mono<Void>> hookCalls(PeerSession peer, int maxMessageSize) {
		return this.inbound.aggregateFrames(maxMessageSize).receiveFrames().<Mono<Void>>handle((frame, sink) -> {
			Mono<Void> call = toHookCall(peer, frame);
			if (call != null) {
				sink.next(call);
			}
		}).onErrorResume((error) -> Mono.just(connectionFailed(peer, error, maxMessageSize)));
	}

	/**
	 * The extensions the handshake negotiated: those whose decoder is in the pipeline.
	 */
	List<String> extensions() {
		return BoundedCompression.isNegotiated(this.channel) ? List.of(BoundedCompression.EXTENSION) : List.of();
	}

	/** The close the client sent, empty when the connection ended without one. */
	Mono<CloseEvent> closeStatus() {
		return this.inbound.receiveCloseStatus().map(NettyPeerTransport::closeEvent);
	}

	/**
	 * The close as the hooks see it. 1005 and 1006 are never on the wire, so they carry
	 * no reason, whatever text Reactor Netty gives them ("Empty", "Abnormal closure").
	 */
	private static CloseEvent closeEvent(WebSocketCloseStatus status) {
		boolean local = status.code() == CloseEvent.NO_STATUS || status.code() == CloseEvent.ABNORMAL;
		return new CloseEvent(status.code(), local ? "" : status.reasonText());
	}

	private static @Nullable Mono<Void> toHookCall(PeerSession peer, WebSocketFrame frame) {
		peer.frameReceived();
		if (frame.rsv() != 0) {
			// the decoder accepts any reserved bit; an extension's decoder
			// (permessage-deflate) clears its own, so one left over belongs to no
			// negotiated extension
			peer.closeForBadInput(PROTOCOL_ERROR_CODE, "Reserved bits set without a negotiated extension");
			return null;
		}
		if (frame instanceof TextWebSocketFrame) {
			if (!ByteBufUtil.isText(frame.content(), StandardCharsets.UTF_8)) {
				peer.closeForBadInput(PeerSession.INVALID_PAYLOAD_CODE, "Invalid UTF-8 in text message");
				return null;
			}
			return peer.textReceived(frame.content().toString(StandardCharsets.UTF_8), frame.content().readableBytes());
		}
		if (frame instanceof BinaryWebSocketFrame) {
			return peer.binaryReceived(ByteBufUtil.getBytes(frame.content()));
		}
		if (frame instanceof PingWebSocketFrame) {
			return peer.pingReceived(ByteBufUtil.getBytes(frame.content()));
		}
		if (frame instanceof PongWebSocketFrame) {
			return peer.pongReceived(ByteBufUtil.getBytes(frame.content()));
		}
		return null;
	}

	private static Mono<Void> connectionFailed(PeerSession peer, Throwable error, int maxMessageSize) {
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket connection of peer " + peer.id() + " failed", error);
		}
		if (error instanceof TooLongFrameException || error instanceof DecompressionException) {
			peer.closeForBadInput(PeerSession.MESSAGE_TOO_BIG_CODE, "Message larger than " + maxMessageSize + " bytes");
			return Mono.empty();
		}
		if (error instanceof CorruptedWebSocketFrameException corrupted) {
			// Netty has already sent the close frame and closed the connection
			peer.serverClosed(new CloseEvent(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText()));
			return Mono.empty();
		}
		// a dropped connection is reported by the close hook (1006), not as an error
		return (error instanceof IOException || AbortedException.isConnectionReset(error)) ? Mono.empty()
				: peer.failed(error);
	}

	@Override
	public boolean writesEncodedFrames() {
		return this.sender.writesEncodedFrames();
	}

	@Override
	public long send(ReferenceCounted frame) {
		return this.sender.send(frame);
	}

	@Override
	public long bufferedAmount() {
		return this.sender.bufferedAmount();
	}

	@Override
	public void whenWritten(Runnable listener) {
		this.sender.whenWritten(listener);
	}

	@Override
	public void closeAfterPending(int code, String reason) {
		this.sender.closeAfterPending(() -> sendCloseFrame(code, reason));
	}

	@Override
	public void closeNow(int code, String reason) {
		this.sender.closeNow(() -> sendCloseFrame(code, reason));
	}

	private void sendCloseFrame(int code, String reason) {
		if (!this.channel.isActive()) {
			// nothing to say to a connection that is gone (Reactor Netty would drop the
			// frame unreleased)
			return;
		}
		this.outbound.sendClose(code, reason).subscribe(null, (ex) -> this.channel.close());
	}

	@Override
	public void terminate() {
		this.channel.close();
	}

	@Override
	public void releaseQueued() {
		this.sender.releaseQueued();
	}

	@Override
	public ScheduledExecutorService scheduler() {
		return this.channel.eventLoop();
	}

	@Override
	public void onTerminated(Runnable action) {
		this.connection.onDispose(action::run);
	}

}
