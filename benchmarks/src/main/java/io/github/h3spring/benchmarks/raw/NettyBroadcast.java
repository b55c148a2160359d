package io.github.h3spring.benchmarks.raw;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The raw Netty server's broadcast: a {@link ChannelGroup} of the {@code /fanout}
 * WebSockets and one of the {@code /sse} event streams, as the other servers' publishes
 * reach both. A publish is encoded once per group, into the whole unmasked WebSocket
 * frame and into the whole event; the group writes and flushes a retained duplicate of it
 * to every channel (the WebSocket encoder lets an encoded buffer pass; the HTTP encoder
 * adds the chunk's framing). Void promises, as no caller awaits a write: a failed write
 * reaches the channel's pipeline, which closes it, and a closed channel leaves its group.
 */
final class NettyBroadcast {

	private static final int FIN_TEXT = 0x81;

	private static final byte[] DATA = { 'd', 'a', 't', 'a', ':', ' ' };

	private final ChannelGroup webSockets = new DefaultChannelGroup("fanout", GlobalEventExecutor.INSTANCE);

	private final ChannelGroup eventStreams = new DefaultChannelGroup("sse", GlobalEventExecutor.INSTANCE);

	/** Adds a WebSocket whose handshake is complete. */
	void subscribe(Channel webSocket) {
		this.webSockets.add(webSocket);
	}

	/** Adds an event stream whose response head is written. */
	void stream(Channel eventStream) {
		this.eventStreams.add(eventStream);
	}

	/** Sends the text (UTF-8, not consumed) to every subscriber and stream. */
	void publish(ByteBufAllocator allocator, ByteBuf text) {
		if (!this.webSockets.isEmpty()) {
			this.webSockets.writeAndFlush(frame(allocator, text), ChannelMatchers.all(), true);
		}
		if (!this.eventStreams.isEmpty()) {
			this.eventStreams.writeAndFlush(new DefaultHttpContent(event(allocator, text)), ChannelMatchers.all(),
					true);
		}
	}

	/** A final text frame as a server sends it (RFC 6455 §5.2: no mask). */
	private static ByteBuf frame(ByteBufAllocator allocator, ByteBuf text) {
		int length = text.readableBytes();
		ByteBuf frame = allocator.directBuffer(length + 10).writeByte(FIN_TEXT);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			frame.writeByte(126).writeShort(length);
		}
		else {
			frame.writeByte(127).writeLong(length);
		}
		return frame.writeBytes(text, text.readerIndex(), length);
	}

	/** An event with one {@code data: } line per line of the text, as h3 writes it. */
	private static ByteBuf event(ByteBufAllocator allocator, ByteBuf text) {
		ByteBuf event = allocator.directBuffer(text.readableBytes() + 2 * DATA.length + 2);
		int from = text.readerIndex();
		int end = text.writerIndex();
		while (true) {
			int newline = text.indexOf(from, end, (byte) '\n');
			int to = (newline < 0) ? end : newline;
			event.writeBytes(DATA).writeBytes(text, from, to - from).writeByte('\n');
			if (newline < 0) {
				return event.writeByte('\n');
			}
			from = newline + 1;
		}
	}

}
