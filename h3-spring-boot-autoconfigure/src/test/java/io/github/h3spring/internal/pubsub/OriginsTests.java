package io.github.h3spring.internal.pubsub;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Origins}: positions name each origin by the same short key on every
 * instance, read back what they wrote, and forget a silent instance but never this one.
 */
class OriginsTests {

	private final AtomicLong clock = new AtomicLong();

	private final UUID instance = UUID.randomUUID();

	private final Origins origins = new Origins(this.instance, Duration.ofMinutes(1), this.clock::get);

	@Test
	void anOriginHasTheSameShortKeyOnEveryInstance() {
		UUID other = UUID.randomUUID();
		Origins elsewhere = new Origins(UUID.randomUUID(), Duration.ofMinutes(1));
		assertThat(elsewhere.arrived(this.instance, 1).key()).isEqualTo(this.origins.local().key());
		assertThat(this.origins.arrived(other, 1).key()).isEqualTo(elsewhere.arrived(other, 1).key())
			.hasSizeLessThanOrEqualTo(7);
	}

	@Test
	void aPositionNamesEachOriginThatPassedWithItsLastNumberInBase36() {
		Origins.Origin other = this.origins.arrived(UUID.randomUUID(), 35);
		this.origins.pass(null, 0, false);
		Origins.Passage passage = this.origins.pass(other, 35, true);
		assertThat(passage.sequence()).isEqualTo(2);
		assertThat(Origins.parsePosition(passage.position()))
			.isEqualTo(Map.of(this.origins.local().key(), 1L, other.key(), 35L));
		assertThat(passage.position()).contains(other.key() + ":z");
	}

	@Test
	void aPositionReadsBackAsItWasWritten() {
		Map<String, Long> position = Map.of("a", 1L, "zzzzzzz", Long.MAX_VALUE, "k3", 42L);
		assertThat(Origins.parsePosition(Origins.encodePosition(position))).isEqualTo(position);
		assertThat(Origins.parsePosition(Origins.encodePosition(Map.of()))).isEmpty();
	}

	@Test
	void anOriginThatArrivedLateIsCompleteFromItsFirstNumberHere() {
		assertThat(this.origins.arrived(UUID.randomUUID(), 5).from()).isEqualTo(4);
		assertThat(this.origins.arrived(UUID.randomUUID(), 1).from()).isZero();
	}

	@Test
	void anotherInstanceSilentForTheWindowIsForgottenButThisOneNever() {
		UUID other = UUID.randomUUID();
		String key = this.origins.arrived(other, 1).key();
		this.clock.addAndGet(Duration.ofSeconds(61).toNanos());
		this.origins.arrived(UUID.randomUUID(), 1);
		assertThat(this.origins.find(key)).isNull();
		assertThat(this.origins.find(this.origins.local().key())).isSameAs(this.origins.local());
		assertThat(this.origins.arrived(other, 7).from()).as("heard again, from where it stands").isEqualTo(6);
	}

}
