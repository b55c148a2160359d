package io.github.h3spring.internal.pubsub.redis;

/**
 * A Redis stream entry id, {@code <milliseconds>-<sequence>}, ordered as Redis orders
 * them.
 *
 * @param millis the time part
 * @param sequence the sequence part
 */
record StreamPosition(long millis, long sequence) implements Comparable<StreamPosition> {

	static StreamPosition parse(String id) {
		int dash = id.indexOf('-');
		if (dash < 0) {
			throw new IllegalArgumentException("Not a stream id: '" + id + "'");
		}
		return new StreamPosition(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
	}

	@Override
	public int compareTo(StreamPosition other) {
		int byTime = Long.compare(this.millis, other.millis);
		return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
	}

	@Override
	public String toString() {
		return this.millis + "-" + this.sequence;
	}

}
