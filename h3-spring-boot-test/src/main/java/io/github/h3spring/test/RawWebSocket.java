package io.github.h3spring.test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain socket that writes whatever frames a test asks for
 * (unmasked, unknown opcodes, broken fragments, invalid UTF-8) and reads frames without
 * answering pings, for the behaviours a well-behaved client refuses to show.
 */
public final class RawWebSocket implements AutoCloseable {

	/** Opcode of a continuation frame. */
	public static final int CONTINUATION = 0x0;

	/** Opcode of a text frame. */
	public static final int TEXT = 0x1;

	/** Opcode of a binary frame. */
	public static final int BINARY = 0x2;

	/** Opcode of a close frame. */
	public static final int CLOSE = 0x8;

	/** Opcode of a ping frame. */
	public static final int PING = 0x9;

	/** Opcode of a pong frame. */
	public static final int PONG = 0xA;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** Connects and completes the handshake, failing unless the server answers 101. */
	public static RawWebSocket connect(int port, String path, String... extraHeaders) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		RawWebSocket ws = new RawWebSocket(socket);
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
		for (String header : extraHeaders) {
			request.append(header).append("\r\n");
		}
		ws.out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
		ws.out.flush();
		String status = RawHttp.readLine(ws.in);
		if (!status.contains(" 101 ")) {
			socket.close();
			throw new IOException("Expected 101 but got: " + status);
		}
		while (!RawHttp.readLine(ws.in).isEmpty()) {
			// skip the handshake headers
		}
		return ws;
	}

	/** Writes one frame, masked as a client must unless {@code masked} is false. */
	public void writeFrame(boolean fin, int opcode, byte[] payload, boolean masked) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write((fin ? 0x80 : 0) | opcode);
		int maskBit = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(maskBit | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(maskBit | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift));
			}
		}
		byte[] body = payload.clone();
		if (masked) {
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			frame.write(mask);
			for (int i = 0; i < body.length; i++) {
				body[i] ^= mask[i % 4];
			}
		}
		frame.write(body);
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/** Sends one masked text frame. */
	public void sendText(String text) throws IOException {
		writeFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
	}

	/**
	 * Compresses a message payload as permessage-deflate does (raw deflate, tail
	 * removed).
	 */
	public static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		deflater.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		int length;
		while ((length = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
			out.write(chunk, 0, length);
		}
		deflater.end();
		byte[] compressed = out.toByteArray();
		return Arrays.copyOf(compressed, compressed.length - 4);
	}

	static byte[] inflate(byte[] data) {
		Inflater inflater = new Inflater(true);
		byte[] input = Arrays.copyOf(data, data.length + 4);
		input[input.length - 2] = (byte) 0xFF;
		input[input.length - 1] = (byte) 0xFF;
		inflater.setInput(input);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			int length;
			while ((length = inflater.inflate(chunk)) > 0) {
				out.write(chunk, 0, length);
			}
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			inflater.end();
		}
		return out.toByteArray();
	}

	/** Reads the next frame. */
	public Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame(first & 0x0F, payload, (first & 0x40) != 0);
	}

	/**
	 * Reads frames until a close frame arrives (skipping data and pings) and returns it,
	 * or returns {@code null} when the connection ends without one.
	 */
	public @Nullable Frame awaitClose() throws IOException {
		try {
			for (;;) {
				Frame frame = readFrame();
				if (frame.opcode() == CLOSE) {
					return frame;
				}
			}
		}
		catch (EOFException | SocketTimeoutException ex) {
			return null;
		}
		catch (IOException ex) {
			if (String.valueOf(ex.getMessage()).contains("reset")) {
				return null;
			}
			throw ex;
		}
	}

	/** Whether the server has closed the TCP connection (reads until end of stream). */
	public boolean isClosedByServer() throws IOException {
		try {
			InputStream stream = this.in;
			while (stream.read() != -1) {
				// discard what is left
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/** How long a read waits for the server before it fails; 10 seconds unless set. */
	public void setReadTimeout(int millis) throws IOException {
		this.socket.setSoTimeout(millis);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * A frame read from the server.
	 *
	 * @param opcode the opcode
	 * @param payload the payload as sent
	 * @param compressed whether RSV1 marks a permessage-deflate payload
	 */
	public record Frame(int opcode, byte[] payload, boolean compressed) {

		/** The close code of a close frame, or 1005 when it has none. */
		public int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

		/** The close reason of a close frame. */
		public String closeReason() {
			return (this.payload.length > 2)
					? new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8) : "";
		}

		public String text() {
			return new String(this.compressed ? inflate(this.payload) : this.payload, StandardCharsets.UTF_8);
		}

	}

}
