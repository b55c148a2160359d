package io.github.h3spring.internal.pubsub.backplane;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.h3spring.pubsub.SyncMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class BackplaneDriverTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<FakeTransport> drivers = new ArrayList<>();

	@AfterEach
	void close() {
		this.drivers.forEach(FakeTransport::close);
	}

	@Test
	void envelopesOfAnotherInstanceArriveOnceInOrderAndAGapIsCounted(CapturedOutput output) {
		FakeTransport driver = started(settings());
		List<SyncMessage> delivered = subscribe(driver);
		UUID other = UUID.randomUUID();
		driver.receive(envelope(other, 1, "a"));
		driver.receive(envelope(other, 2, "b"));
		driver.receive(envelope(other, 2, "b"));
		driver.receive(envelope(other, 1, "a"));
		driver.receive(envelope(other, 5, "e"));
		driver.receive(envelope(other, 4, "d"));
		assertThat(delivered).extracting(SyncMessage::data).containsExactly("a", "b", "e");
		assertThat(driver.missed()).isEqualTo(2);
		assertThat(output).contains("Missed 2 publishes of instance " + other);
	}

	@Test
	void theSequencesOfEachInstanceAreTrackedApart() {
		FakeTransport driver = started(settings());
		List<SyncMessage> delivered = subscribe(driver);
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		driver.receive(envelope(first, 7, "first 7"));
		driver.receive(envelope(second, 1, "second 1"));
		driver.receive(envelope(first, 8, "first 8"));
		driver.receive(envelope(second, 1, "second 1"));
		assertThat(delivered).extracting(SyncMessage::data).containsExactly("first 7", "second 1", "first 8");
		assertThat(driver.missed()).isZero();
	}

	@Test
	void anInstanceIgnoresItsOwnEnvelopesAndMalformedOnes(CapturedOutput output) {
		FakeTransport driver = started(settings());
		List<SyncMessage> delivered = subscribe(driver);
		driver.receive(envelope(driver.instance(), 1, "mine"));
		driver.received(new byte[] { 9, 9, 9 });
		assertThat(delivered).isEmpty();
		assertThat(output).contains("Ignored a message on backplane channel 'test'");
	}

	@Test
	void publishesLeaveInOrderWithConsecutiveSequences() {
		FakeTransport driver = started(settings());
		for (int i = 0; i < 600; i++) {
			driver.publish(new SyncMessage(null, "t", "m" + i));
		}
		await().atMost(WAIT).until(() -> driver.stored.size() == 600);
		for (int i = 0; i < 600; i++) {
			assertThat(driver.stored.get(i).sequence()).isEqualTo(i + 1);
			assertThat(driver.stored.get(i).message().data()).isEqualTo("m" + i);
		}
		assertThat(driver.outboxSize()).isZero();
	}

	@Test
	void aSendThatAlwaysFailsWaitsAGrowingBackoffInsteadOfReconnectingAtRoundTripSpeed(CapturedOutput output) {
		FakeTransport driver = started(settings());
		driver.server = (envelopes) -> Mono.error(new IOException("Connection reset by peer"));
		long start = System.nanoTime();
		driver.publish(new SyncMessage(null, "t", "kept"));
		await().atMost(WAIT).until(() -> driver.connects.get() >= 4);
		// Backoff 20, 40, 80 ms... before the fourth connection: a handful of attempts,
		// not thousands.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
		assertThat(driver.sends.get()).isBetween(2, 10);
		assertThat(driver.connects.get()).isBetween(2, 10);
		assertThat(driver.outboxSize()).as("kept for the next attempt").isOne();
		assertThat(warnings(output)).singleElement().asString().contains("Lost the Fake backplane", "Connection reset");
		driver.server = (envelopes) -> Mono.empty();
		await().atMost(WAIT).until(() -> driver.stored.size() == 1);
		await().atMost(WAIT).until(() -> health(driver).getStatus().equals(Status.UP));
	}

	@Test
	void publishesTheServerRefusesAreDroppedCountedAndReportedOnceAndTheNextOnesAreTried(CapturedOutput output) {
		FakeTransport driver = started(settings());
		AtomicBoolean refusing = new AtomicBoolean(true);
		driver.server = (envelopes) -> refusing.get() ? Mono.error(new FakeTransport.Refused("ERR unknown option"))
				: Mono.empty();
		driver.publish(new SyncMessage(null, "t", "a"));
		driver.publish(new SyncMessage(null, "t", "b"));
		driver.publish(new SyncMessage(null, "t", "c"));
		await().atMost(WAIT).until(() -> driver.refused() == 3);
		assertThat(driver.outboxSize()).isZero();
		Health down = health(driver);
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("state", "CONNECTED")
			.containsEntry("refused", 3L)
			.hasEntrySatisfying("lastError", (error) -> assertThat(error).asString().contains("ERR unknown option"));
		driver.publish(new SyncMessage(null, "t", "d"));
		await().atMost(WAIT).until(() -> driver.refused() == 4);
		refusing.set(false);
		driver.publish(new SyncMessage(null, "t", "e"));
		await().atMost(WAIT).until(() -> driver.stored.size() == 1);
		assertThat(driver.stored.get(0).message().data()).isEqualTo("e");
		assertThat(health(driver).getStatus()).isEqualTo(Status.UP);
		assertThat(driver.connects.get()).as("a refusal is not a lost connection").isOne();
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("The Fake backplane refused 1 publish ", "ERR unknown option");
		assertThat(output).contains("The Fake backplane accepts publishes again");
	}

	@Test
	void aPermanentFailureOfTheFirstConnectionFailsAFailFastStartWithoutWaitingForTheTimeout() {
		FakeTransport driver = driver(settings(100, 1024 * 1024, Duration.ofSeconds(30), true));
		driver.connection = () -> Mono
			.error(new BackplaneConfigurationException("The server is too old.", "Upgrade it."));
		long start = System.nanoTime();
		assertThatExceptionOfType(BackplaneConfigurationException.class).isThrownBy(driver::start)
			.withMessage("The server is too old.");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(driver.state()).isEqualTo(BackplaneDriver.State.CLOSED);
	}

	@Test
	void aPermanentFailureOfTheConnectionIsReportedWithWhatToChange(CapturedOutput output) {
		FakeTransport driver = driver(settings());
		driver.connection = () -> Mono
			.error(new BackplaneConfigurationException("The server is too old.", "Upgrade it."));
		driver.start();
		await().atMost(WAIT).until(() -> driver.connects.get() >= 3);
		Health health = health(driver);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "CONNECTING")
			.hasEntrySatisfying("lastError", (error) -> assertThat(error).asString().contains("too old"));
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Could not connect to the Fake backplane (The server is too old. Upgrade it.)");
	}

	@Test
	void eachTroubleIsLoggedOnceAtWarnAndTheNextTroubleAgain(CapturedOutput output) {
		FakeTransport driver = started(settings());
		driver.server = (envelopes) -> Mono.error(new IOException("Connection reset by peer"));
		driver.publish(new SyncMessage(null, "t", "a"));
		await().atMost(WAIT).until(() -> driver.sends.get() >= 3);
		assertThat(warnings(output)).hasSize(1);
		driver.server = (envelopes) -> Mono.empty();
		await().atMost(WAIT).until(() -> driver.stored.size() == 1);
		driver.lose(new IOException("Connection closed"));
		await().atMost(WAIT).until(() -> health(driver).getStatus().equals(Status.UP));
		assertThat(warnings(output)).hasSize(2)
			.last()
			.asString()
			.contains("Lost the Fake backplane", "Connection closed");
		assertThat(output).contains("Reconnected to the Fake backplane: sending 1 queued publishes",
				"Reconnected to the Fake backplane: sending 0 queued publishes");
	}

	@Test
	void theFirstFailedConnectionAttemptIsLoggedAtWarnAndTheNextOnesAtDebug(CapturedOutput output) {
		FakeTransport driver = driver(settings());
		AtomicInteger failures = new AtomicInteger(3);
		driver.connection = () -> (failures.getAndDecrement() > 0) ? Mono.error(new IOException("Connection refused"))
				: Mono.empty();
		driver.start();
		await().atMost(WAIT).until(() -> driver.state() == BackplaneDriver.State.CONNECTED);
		assertThat(driver.connects.get()).isEqualTo(4);
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Could not connect to the Fake backplane (java.io.IOException: Connection refused)",
					"retrying in the background");
		assertThat(output).contains("Connected to the Fake backplane on channel 'test'");
	}

	@Test
	void theOutboxIsBoundedInBytesAsWellAsInPublishes(CapturedOutput output) {
		FakeTransport driver = driver(settings(100, 1000, Duration.ofSeconds(5), false));
		driver.connection = Mono::never;
		driver.start();
		String payload = "x".repeat(300);
		for (int i = 0; i < 10; i++) {
			driver.publish(new SyncMessage(null, "t", payload));
		}
		assertThat(driver.outboxSize()).isEqualTo(3);
		assertThat(driver.outboxBytes()).isLessThanOrEqualTo(1000).isGreaterThan(900);
		assertThat(driver.overflowed()).isEqualTo(7);
		assertThat(health(driver).getDetails()).containsEntry("outbox", 3).containsEntry("overflowed", 7L);
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Backplane outbox is full (3 publishes", "h3.pubsub.outbox-memory-limit=1000 bytes");
	}

	@Test
	void aPublishLargerThanTheOutboxIsCountedAndNotSentAndTheNextOnesAre(CapturedOutput output) {
		FakeTransport driver = started(settings(100, 1000, Duration.ofSeconds(5), false));
		driver.publish(new SyncMessage(null, "t", "x".repeat(2000)));
		driver.publish(new SyncMessage(null, "t", "small"));
		await().atMost(WAIT).until(() -> driver.stored.size() == 1);
		assertThat(driver.stored.get(0).message().data()).isEqualTo("small");
		assertThat(driver.stored.get(0).sequence()).as("no gap for the receivers").isOne();
		assertThat(driver.overflowed()).isOne();
		assertThat(warnings(output)).singleElement().asString().contains("is larger than the backplane outbox");
	}

	@Test
	void aPublishFromThisInstancesOriginKeepsItsNumberSoADroppedOneLeavesAGap() {
		FakeTransport driver = started(settings(100, 1000, Duration.ofSeconds(5), false));
		driver.publish(new SyncMessage(null, "t", "x".repeat(2000), new SyncMessage.Origin(driver.instance(), 1)));
		driver.publish(new SyncMessage(null, "t", "small", new SyncMessage.Origin(driver.instance(), 2)));
		await().atMost(WAIT).until(() -> driver.stored.size() == 1);
		assertThat(driver.stored.get(0).sequence()).as("the number event streams know it by").isEqualTo(2);
		assertThat(driver.overflowed()).isOne();
	}

	@Test
	void stoppingWaitsForTheOutboxToEmpty(CapturedOutput output) {
		FakeTransport driver = started(settings());
		driver.server = (envelopes) -> Mono.delay(Duration.ofMillis(200)).then();
		for (int i = 0; i < 3; i++) {
			driver.publish(new SyncMessage(null, "t", "m" + i));
		}
		driver.stop();
		assertThat(driver.stored).hasSize(3);
		assertThat(warnings(output)).isEmpty();
	}

	@Test
	void stoppingGivesUpAfterTheConnectTimeoutAndLogsHowManyPublishesWereNotSent(CapturedOutput output) {
		FakeTransport driver = started(settings(100, 1024 * 1024, Duration.ofMillis(300), false));
		driver.server = (envelopes) -> Mono.never();
		for (int i = 0; i < 3; i++) {
			driver.publish(new SyncMessage(null, "t", "m" + i));
		}
		long start = System.nanoTime();
		driver.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(5));
		assertThat(driver.outboxSize()).isZero();
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Stopped the Fake backplane with 3 publishes in the outbox");
	}

	@Test
	void stoppingWhileDisconnectedDoesNotWaitAndLogsWhatIsLeft(CapturedOutput output) {
		FakeTransport driver = driver(settings(100, 1024 * 1024, Duration.ofSeconds(30), false));
		driver.connection = Mono::never;
		driver.start();
		driver.publish(new SyncMessage(null, "t", "never sent"));
		long start = System.nanoTime();
		driver.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(output).contains("Stopped the Fake backplane with 1 publish in the outbox");
	}

	@Test
	void instancesNotHeardFromForAReplayWindowAreForgotten() {
		AtomicLong clock = new AtomicLong();
		FakeTransport driver = started(new FakeTransport(settings(), clock::get));
		UUID left = UUID.randomUUID();
		UUID staying = UUID.randomUUID();
		driver.receive(envelope(left, 1, "a"));
		driver.receive(envelope(staying, 1, "b"));
		clock.addAndGet(Duration.ofSeconds(59).toNanos());
		driver.receive(envelope(staying, 2, "c"));
		assertThat(driver.knownInstances()).isEqualTo(2);
		clock.addAndGet(Duration.ofSeconds(2).toNanos());
		driver.receive(envelope(staying, 3, "d"));
		assertThat(driver.knownInstances()).isOne();
		for (int i = 0; i < 1000; i++) {
			driver.receive(envelope(UUID.randomUUID(), 1, "short-lived"));
			clock.addAndGet(Duration.ofSeconds(1).toNanos());
		}
		// At most the instances heard from in the last two windows.
		assertThat(driver.knownInstances()).isLessThanOrEqualTo(120);
	}

	@Test
	void anInstanceSilentWhileThisOneWasAwayIsRememberedSoThatItsGapIsCounted() {
		AtomicLong clock = new AtomicLong();
		FakeTransport driver = started(new FakeTransport(settings(), clock::get));
		List<SyncMessage> delivered = subscribe(driver);
		UUID other = UUID.randomUUID();
		UUID another = UUID.randomUUID();
		driver.receive(envelope(other, 1, "a"));
		clock.addAndGet(Duration.ofMinutes(5).toNanos());
		driver.lose(new IOException("Connection closed"));
		await().atMost(WAIT).until(() -> driver.state() == BackplaneDriver.State.CONNECTED);
		driver.receive(envelope(another, 1, "replayed first"));
		driver.receive(envelope(other, 5, "e"));
		assertThat(delivered).extracting(SyncMessage::data).containsExactly("a", "replayed first", "e");
		assertThat(driver.missed()).isEqualTo(3);
	}

	static BackplaneSettings settings() {
		return settings(100, 1024 * 1024, Duration.ofSeconds(5), false);
	}

	static BackplaneSettings settings(int capacity, long memoryLimit, Duration connectTimeout, boolean failFast) {
		return new BackplaneSettings("test", capacity, memoryLimit, Duration.ofMinutes(1), Duration.ofMillis(20),
				Duration.ofMillis(200), connectTimeout, failFast);
	}

	private FakeTransport started(BackplaneSettings settings) {
		return started(new FakeTransport(settings));
	}

	private FakeTransport started(FakeTransport driver) {
		this.drivers.add(driver);
		driver.start();
		await().atMost(WAIT).until(() -> driver.state() == BackplaneDriver.State.CONNECTED);
		return driver;
	}

	private FakeTransport driver(BackplaneSettings settings) {
		FakeTransport driver = new FakeTransport(settings);
		this.drivers.add(driver);
		return driver;
	}

	private static List<SyncMessage> subscribe(FakeTransport driver) {
		List<SyncMessage> delivered = new CopyOnWriteArrayList<>();
		driver.subscribe(delivered::add);
		return delivered;
	}

	private static Envelope envelope(UUID instance, long sequence, String data) {
		return new Envelope(instance, sequence, new SyncMessage(null, "t", data));
	}

	private static Health health(BackplaneDriver driver) {
		return new BackplaneHealthIndicator(driver).health();
	}

	/**
	 * The WARN lines the drivers logged, whichever the log format (Spring Boot's shortens
	 * logger names).
	 */
	static List<String> warnings(CapturedOutput output) {
		List<String> warnings = new ArrayList<>();
		Matcher matcher = Pattern.compile("^.*\\bWARN\\b.*\\bFakeTransport\\b.*$", Pattern.MULTILINE)
			.matcher(output.getAll());
		while (matcher.find()) {
			warnings.add(matcher.group());
		}
		return warnings;
	}

}
