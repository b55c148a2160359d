package io.github.h3spring.conformance.deployment;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * Asks a server, over an HTTP/2 connection it speaks frame by frame, whether it offers
 * WebSocket over HTTP/2 (RFC 8441): whether its {@code SETTINGS} carry
 * {@code SETTINGS_ENABLE_CONNECT_PROTOCOL = 1}, and how it answers an extended
 * {@code CONNECT} with {@code :protocol websocket} to a path.
 */
final class ExtendedConnectProbe {

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final int HEADERS = 0x1;

	private static final int RST_STREAM = 0x3;

	private static final int SETTINGS = 0x4;

	private static final int GOAWAY = 0x7;

	private static final int END_HEADERS = 0x4;

	private static final int ACK = 0x1;

	private static final int ENABLE_CONNECT_PROTOCOL = 0x8;

	private ExtendedConnectProbe() {
	}

	/**
	 * What a server answered.
	 *
	 * @param advertised whether its settings enable the extended {@code CONNECT}
	 * @param answer the {@code :status} of the response, or
	 * {@code RST_STREAM}/{@code GOAWAY} with its error code
	 */
	record Result(boolean advertised, String answer) {
	}

	/** Probes over a connected socket (clear text, or TLS that negotiated {@code h2}). */
	static Result probe(Socket socket, String scheme, String authority, String path) throws IOException {
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		DataInputStream in = new DataInputStream(socket.getInputStream());
		out.write(PREFACE);
		writeFrame(out, SETTINGS, 0, 0, new byte[0]);
		Http2Headers request = new DefaultHttp2Headers().method("CONNECT")
			.scheme(scheme)
			.authority(authority)
			.path(path)
			.add(":protocol", "websocket")
			.add("sec-websocket-version", "13");
		writeFrame(out, HEADERS, END_HEADERS, 1, encode(request));
		out.flush();
		boolean advertised = false;
		while (true) {
			int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
			int type = in.readUnsignedByte();
			int flags = in.readUnsignedByte();
			int stream = in.readInt() & 0x7fffffff;
			byte[] payload = in.readNBytes(length);
			if (type == SETTINGS && (flags & ACK) == 0) {
				advertised = enablesConnectProtocol(ByteBuffer.wrap(payload));
				writeFrame(out, SETTINGS, ACK, 0, new byte[0]);
				out.flush();
			}
			else if (type == HEADERS && stream == 1) {
				return new Result(advertised, String.valueOf(decode(payload).status()));
			}
			else if (type == RST_STREAM && stream == 1) {
				return new Result(advertised, "RST_STREAM " + ByteBuffer.wrap(payload).getInt());
			}
			else if (type == GOAWAY) {
				return new Result(advertised, "GOAWAY " + ByteBuffer.wrap(payload).getInt(4));
			}
		}
	}

	private static boolean enablesConnectProtocol(ByteBuffer settings) {
		boolean enabled = false;
		while (settings.remaining() >= 6) {
			int id = settings.getShort() & 0xffff;
			long value = settings.getInt() & 0xffffffffL;
			if (id == ENABLE_CONNECT_PROTOCOL) {
				enabled = value == 1;
			}
		}
		return enabled;
	}

	private static void writeFrame(OutputStream out, int type, int flags, int stream, byte[] payload)
			throws IOException {
		ByteBuffer header = ByteBuffer.allocate(9);
		header.put((byte) (payload.length >>> 16)).putShort((short) payload.length);
		header.put((byte) type).put((byte) flags).putInt(stream);
		out.write(header.array());
		out.write(payload);
	}

	private static byte[] encode(Http2Headers headers) throws IOException {
		ByteBuf block = Unpooled.buffer();
		try {
			new DefaultHttp2HeadersEncoder().encodeHeaders(1, headers, block);
			byte[] bytes = new byte[block.readableBytes()];
			block.readBytes(bytes);
			return bytes;
		}
		catch (Http2Exception ex) {
			throw new IOException(ex);
		}
		finally {
			block.release();
		}
	}

	private static Http2Headers decode(byte[] block) throws IOException {
		ByteBuf buffer = Unpooled.wrappedBuffer(block);
		try {
			return new DefaultHttp2HeadersDecoder(false).decodeHeaders(1, buffer);
		}
		catch (Http2Exception ex) {
			throw new IOException(ex);
		}
		finally {
			buffer.release();
		}
	}

}
