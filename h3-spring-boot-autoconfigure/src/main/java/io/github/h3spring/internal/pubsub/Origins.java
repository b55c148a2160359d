package io.github.h3spring.internal.pubsub;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The instances whose publishes this one delivers, its <em>origins</em>, and how far it
 * has delivered the publishes of each: the position that topic event ids carry.
 * <p>
 * A publish has the same name on every instance: its origin and that origin's number for
 * it. This instance numbers its own publishes (from 1, without gaps); the backplane
 * carries the origin of the others' ({@code SyncMessage.origin()}), and delivers one
 * origin's publishes in its number order. So a position, for each origin the last number
 * delivered, means the same set of publishes on every instance, however each interleaves
 * the origins. Publishes that arrive without an origin (a custom {@code SyncDriver} that
 * does not carry it) are numbered here, as an origin of this instance only, unknown to
 * the others.
 * <p>
 * Each origin has a short key, the same on every instance: 36 bits of its instance id in
 * base 36. A position reads {@code key:number,key:number} (numbers in base 36, keys in
 * order), or {@code -} when empty. Another instance is forgotten when it has not been
 * heard from for a while ({@code h3.pubsub.replay-window}), so positions do not grow with
 * every instance that ever ran; this instance is never forgotten.
 * <p>
 * Thread-safe; its monitor is held only for a few field updates and the encoding of a
 * position.
 */
public final class Origins {

	private static final long KEY_MASK = (1L << 36) - 1;

	private static final long SWEEP_INTERVAL = Duration.ofSeconds(1).toNanos();

	private static final String EMPTY = "-";

	private final UUID instance;

	private final Origin local;

	private final Origin unattributed;

	private final Map<UUID, Origin> remote = new HashMap<>();

	/** Every origin known, in the order of a position's entries. */
	private final TreeMap<String, Origin> byKey = new TreeMap<>();

	private final long forgetAfter;

	private final LongSupplier clock;

	private long sweptAt;

	/** The order in which publishes reached this instance's event streams. */
	private long sequence;

	/**
	 * Creates the origins of an instance.
	 * @param instance this instance's id, as its backplane sends it
	 * @param forgetAfter how long another instance is remembered after its last publish
	 */
	public Origins(UUID instance, Duration forgetAfter) {
		this(instance, forgetAfter, System::nanoTime);
	}

	Origins(UUID instance, Duration forgetAfter, LongSupplier clock) {
		this.instance = instance;
		this.forgetAfter = forgetAfter.toNanos();
		this.clock = clock;
		this.local = new Origin(key(instance), 0);
		this.unattributed = new Origin(key(UUID.randomUUID()), 0);
		this.byKey.put(this.local.key, this.local);
		this.sweptAt = clock.getAsLong();
	}

	/** An origin's key: the same for one instance id on every instance. */
	static String key(UUID instance) {
		return Long.toString((instance.getMostSignificantBits() ^ instance.getLeastSignificantBits()) & KEY_MASK, 36);
	}

	/** This instance's id, as its backplane sends it. */
	public UUID instance() {
		return this.instance;
	}

	/** This instance, the origin of its own publishes. */
	public Origin local() {
		return this.local;
	}

	/** The origin of publishes that other instances sent without one. */
	public Origin unattributed() {
		return this.unattributed;
	}

	/** Numbers a publish of this instance. */
	public synchronized long numberLocal() {
		return ++this.local.last;
	}

	/**
	 * Records the arrival of another instance's publish, before it is delivered.
	 * @param instance its origin
	 * @param number its number there
	 * @return the origin
	 */
	public synchronized Origin arrived(UUID instance, long number) {
		long now = this.clock.getAsLong();
		Origin origin = this.remote.get(instance);
		if (origin == null) {
			origin = new Origin(key(instance), number - 1);
			this.remote.put(instance, origin);
			this.byKey.put(origin.key, origin);
		}
		origin.last = Math.max(origin.last, number);
		origin.heardAt = now;
		forgetSilent(now);
		return origin;
	}

	/**
	 * Records that a publish was delivered, whether or not it reached an event stream.
	 * @param origin its origin
	 * @param number its number
	 */
	public synchronized void delivered(Origin origin, long number) {
		origin.passed = Math.max(origin.passed, number);
	}

	/**
	 * Numbers a publish as it reaches the event streams, after those that reached them
	 * before. A publish of this instance made without a backplane, or one that arrived
	 * without an origin, has no number yet ({@code number == 0}) and takes it here.
	 * @param origin its origin, {@code null} for an unnumbered publish of this instance
	 * @param number its number, or 0
	 * @param withPosition whether the position after it is wanted
	 * @return where it stands
	 */
	public synchronized Passage pass(@Nullable Origin origin, long number, boolean withPosition) {
		Origin of = (origin != null) ? origin : this.local;
		long numbered = (number != 0) ? number : ++of.last;
		of.passed = Math.max(of.passed, numbered);
		if (of == this.unattributed && !this.byKey.containsKey(of.key)) {
			this.byKey.put(of.key, of);
		}
		return new Passage(++this.sequence, of, numbered, withPosition ? position() : null);
	}

	/**
	 * Where this instance stands now.
	 * @return the order of the last publish that reached the event streams, and the
	 * position after it
	 */
	public synchronized Passage now() {
		return new Passage(this.sequence, this.local, 0, position());
	}

	/** The last number delivered of every origin known, by key. */
	public synchronized Map<String, Long> delivered() {
		Map<String, Long> delivered = new HashMap<>();
		this.byKey.forEach((key, origin) -> delivered.put(key, origin.passed));
		return delivered;
	}

	/**
	 * The last number that arrived of every origin known: a feed created now has every
	 * publish after these.
	 */
	public synchronized Map<String, Long> heard() {
		Map<String, Long> heard = new HashMap<>();
		this.byKey.forEach((key, origin) -> heard.put(key, origin.last));
		return heard;
	}

	/** The origin with that key, or {@code null} when it is not known (or forgotten). */
	public synchronized @Nullable Origin find(String key) {
		return this.byKey.get(key);
	}

	/** The origins known, by key. */
	public synchronized Map<String, Origin> known() {
		return new HashMap<>(this.byKey);
	}

	private String position() {
		StringBuilder position = new StringBuilder(16 * this.byKey.size());
		for (Origin origin : this.byKey.values()) {
			if (origin.passed > 0) {
				append(position, origin.key, origin.passed);
			}
		}
		return position.isEmpty() ? EMPTY : position.toString();
	}

	/**
	 * Writes a position.
	 * @param position the last number of each origin by key
	 * @return the position as an event id
	 */
	public static String encodePosition(Map<String, Long> position) {
		StringBuilder encoded = new StringBuilder();
		new TreeMap<>(position).forEach((key, number) -> append(encoded, key, number));
		return encoded.isEmpty() ? EMPTY : encoded.toString();
	}

	private static void append(StringBuilder position, String key, long number) {
		if (!position.isEmpty()) {
			position.append(',');
		}
		position.append(key).append(':').append(Long.toString(number, 36));
	}

	private void forgetSilent(long now) {
		if (now - this.sweptAt < SWEEP_INTERVAL) {
			return;
		}
		this.sweptAt = now;
		this.remote.values().removeIf((origin) -> {
			boolean silent = now - origin.heardAt >= this.forgetAfter;
			if (silent) {
				this.byKey.remove(origin.key, origin);
			}
			return silent;
		});
	}

	/**
	 * Reads a position.
	 * @param id an event id
	 * @return the last number of each origin by key, or {@code null} when it is not a
	 * position
	 */
	public static @Nullable Map<String, Long> parsePosition(String id) {
		Map<String, Long> position = new HashMap<>();
		if (EMPTY.equals(id)) {
			return position;
		}
		for (String entry : id.split(",", -1)) {
			int colon = entry.indexOf(':');
			if (colon < 1 || colon > 7) {
				return null;
			}
			try {
				long key = Long.parseLong(entry, 0, colon, 36);
				long number = Long.parseLong(entry, colon + 1, entry.length(), 36);
				if (key < 0 || number <= 0 || position.put(entry.substring(0, colon), number) != null
						|| !Long.toString(key, 36).equals(entry.substring(0, colon))) {
					return null;
				}
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return position;
	}

	/**
	 * An instance whose publishes this one delivers. Guarded by the monitor of its
	 * {@link Origins}.
	 */
	public static final class Origin {

		private final String key;

		/** Every publish after this number arrived here. */
		private final long from;

		private long last;

		/** The last number delivered. */
		private long passed;

		private long heardAt;

		private Origin(String key, long from) {
			this.key = key;
			this.from = from;
		}

		public String key() {
			return this.key;
		}

		/**
		 * The number after which every publish of this origin arrived here: 0 when this
		 * instance heard it from its first.
		 */
		public long from() {
			return this.from;
		}

		@Override
		public String toString() {
			return this.key;
		}

	}

	/**
	 * A publish as it reached the event streams.
	 *
	 * @param sequence its order among those that reached them on this instance
	 * @param origin its origin
	 * @param number its number there
	 * @param position this instance's position after it, when asked for
	 */
	public record Passage(long sequence, Origin origin, long number, @Nullable String position) {
	}

}
