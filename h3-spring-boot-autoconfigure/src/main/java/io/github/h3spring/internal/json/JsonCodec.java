package io.github.h3spring.internal.json;

import java.util.Collections;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.EncoderHttpMessageWriter;

/**
 * JSON through the application's HTTP codecs, so WebSocket payloads honour the same
 * Jackson settings as the rest of the application.
 */
public final class JsonCodec {

	private static final ResolvableType OBJECT = ResolvableType.forClass(Object.class);

	private final Encoder<Object> encoder;

	private final Decoder<Object> decoder;

	@SuppressWarnings("unchecked")
	public JsonCodec(CodecConfigurer codecs) {
		this.encoder = (Encoder<Object>) codecs.getWriters()
			.stream()
			.filter(EncoderHttpMessageWriter.class::isInstance)
			.map((writer) -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
			.filter((candidate) -> candidate.canEncode(OBJECT, MediaType.APPLICATION_JSON))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No JSON encoder among the application's codecs: add a JSON library such as Jackson"));
		this.decoder = (Decoder<Object>) codecs.getReaders()
			.stream()
			.filter(DecoderHttpMessageReader.class::isInstance)
			.map((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.filter((candidate) -> candidate.canDecode(OBJECT, MediaType.APPLICATION_JSON))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No JSON decoder among the application's codecs: add a JSON library such as Jackson"));
	}

	/**
	 * Encodes a value as UTF-8 JSON into a new buffer that the caller releases.
	 */
	public ByteBuf encode(Object value, ByteBufAllocator allocator) {
		DataBuffer buffer = this.encoder.encodeValue(value, new NettyDataBufferFactory(allocator),
				ResolvableType.forInstance(value), MediaType.APPLICATION_JSON, Collections.emptyMap());
		return NettyDataBufferFactory.toByteBuf(buffer);
	}

	/**
	 * Encodes a value as UTF-8 JSON into a new array.
	 * @throws org.springframework.core.codec.EncodingException when the value cannot be
	 * written as JSON
	 */
	public byte[] encode(Object value) {
		DataBuffer buffer = this.encoder.encodeValue(value, DefaultDataBufferFactory.sharedInstance,
				ResolvableType.forInstance(value), MediaType.APPLICATION_JSON, Collections.emptyMap());
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		return bytes;
	}

	/**
	 * Decodes UTF-8 JSON into the given type.
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws org.springframework.core.codec.DecodingException when the JSON does not fit
	 * the type (and whatever a custom deserializer throws)
	 */
	public <T> @Nullable T decode(byte[] json, ResolvableType type) {
		Object value = this.decoder.decode(DefaultDataBufferFactory.sharedInstance.wrap(json), type,
				MediaType.APPLICATION_JSON, Collections.emptyMap());
		@SuppressWarnings("unchecked")
		T typed = (T) value;
		return typed;
	}

	/**
	 * Converts a decoded value (a {@code Map}, a {@code List}, a scalar) into the given
	 * type, as if it were read from JSON.
	 * @return the value, {@code null} for {@code null}
	 * @throws org.springframework.core.codec.CodecException when it does not fit the type
	 */
	public <T> @Nullable T convert(Object value, ResolvableType type) {
		return decode(encode(value), type);
	}

}
