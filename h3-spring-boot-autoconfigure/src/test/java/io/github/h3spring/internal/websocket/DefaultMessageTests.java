package io.github.h3spring.internal.websocket;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.h3spring.internal.json.JsonCodec;
import io.github.h3spring.websocket.MessageNotReadableException;
import io.github.h3spring.websocket.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class DefaultMessageTests {

	private final JsonCodec json = new JsonCodec(ServerCodecConfigurer.create());

	private final Peer peer = mock(Peer.class);

	@Test
	void jsonReadsTextAndBinaryPayloadsWithTheApplicationsCodec() {
		assertThat(DefaultMessage.text(this.peer, this.json, "{\"name\":\"ada\",\"count\":2}").json(Greeting.class))
			.isEqualTo(new Greeting("ada", 2));
		byte[] bytes = "[{\"name\":\"bo\",\"count\":1}]".getBytes(StandardCharsets.UTF_8);
		assertThat(DefaultMessage.binary(this.peer, this.json, bytes)
			.json(new ParameterizedTypeReference<List<Greeting>>() {
			})).containsExactly(new Greeting("bo", 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "", "   ", "{\"name\":", "[1, 2]", "\"a string\"",
			"{\"name\":\"ada\",\"count\":\"many\"}", "{\"name\":\"\",\"count\":1}", "{} trailing" })
	void whenThePayloadDoesNotFitTheTypeThenJsonThrowsMessageNotReadableException(String payload) {
		assertThatExceptionOfType(MessageNotReadableException.class)
			.isThrownBy(() -> DefaultMessage.text(this.peer, this.json, payload).json(Greeting.class))
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageStartingWith("Message is not valid JSON for " + Greeting.class.getName())
			.withCauseInstanceOf(RuntimeException.class);
	}

	@Test
	void whenThePayloadIsJsonNullThenJsonThrowsMessageNotReadableExceptionRatherThanReturnNull() {
		assertThatExceptionOfType(MessageNotReadableException.class)
			.isThrownBy(() -> DefaultMessage.text(this.peer, this.json, "null").json(Greeting.class))
			.withMessage("Message is JSON null, not a value of " + Greeting.class.getName());
		assertThatExceptionOfType(MessageNotReadableException.class)
			.isThrownBy(() -> DefaultMessage.binary(this.peer, this.json, "null".getBytes(StandardCharsets.UTF_8))
				.json(new ParameterizedTypeReference<List<Greeting>>() {
				}));
	}

	@Test
	void whenTheGenericPayloadDoesNotFitThenJsonThrowsTheSameException() {
		assertThatExceptionOfType(MessageNotReadableException.class)
			.isThrownBy(() -> DefaultMessage.text(this.peer, this.json, "{\"name\":\"ada\"}")
				.json(new ParameterizedTypeReference<List<Greeting>>() {
				}));
	}

	record Greeting(String name, int count) {

		Greeting {
			if (name.isEmpty()) {
				throw new IllegalStateException("a greeting needs a name");
			}
		}

	}

}
