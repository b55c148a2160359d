package io.github.h3spring.internal.pubsub.backplane;

import java.util.Arrays;
import java.util.UUID;

import io.github.h3spring.pubsub.SyncMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvelopeTests {

	private final UUID instance = UUID.randomUUID();

	@Test
	void textKeepsItsTypeNamespaceAndUnicode() {
		Envelope envelope = new Envelope(this.instance, 42, new SyncMessage("/rooms/{room}", "ünïcode", "héllo 👋"));
		assertThat(Envelope.decode(envelope.encode())).isEqualTo(decoded(envelope));
	}

	@Test
	void theDecodedMessageComesFromTheEnvelopesInstanceAndSequence() {
		Envelope envelope = new Envelope(this.instance, 9, new SyncMessage(null, "t", "x"));
		assertThat(Envelope.decode(envelope.encode()).message().origin())
			.isEqualTo(new SyncMessage.Origin(this.instance, 9));
	}

	@Test
	void binaryKeepsItsTypeAndAHubPublishHasNoNamespace() {
		Envelope envelope = new Envelope(this.instance, 1, new SyncMessage(null, "t", new byte[] { 0, 1, -1 }));
		Envelope decoded = Envelope.decode(envelope.encode());
		assertThat(decoded.message().isBinary()).isTrue();
		assertThat(decoded.message().namespace()).isNull();
		assertThat(decoded).isEqualTo(decoded(envelope));
	}

	@Test
	void anEmptyPayloadSurvives() {
		Envelope envelope = new Envelope(this.instance, 7, new SyncMessage("/chat", "t", ""));
		assertThat(Envelope.decode(envelope.encode())).isEqualTo(decoded(envelope));
	}

	@Test
	void foreignOrTruncatedBytesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("hello".getBytes()))
			.withMessageContaining("version");
		byte[] encoded = new Envelope(this.instance, 1, new SyncMessage("/chat", "topic", "x")).encode();
		assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode(Arrays.copyOf(encoded, 20)))
			.withMessageContaining("Malformed");
	}

	private static Envelope decoded(Envelope sent) {
		return new Envelope(sent.instance(), sent.sequence(),
				sent.message().withOrigin(new SyncMessage.Origin(sent.instance(), sent.sequence())));
	}

}
