package io.github.h3spring.internal.websocket;

import java.time.Duration;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.websocket.Peer;

/**
 * The open peers, all together and by namespace. A namespace is in the map only while it
 * has peers: clients choose namespaces (a room in the URL), so an emptied one is dropped
 * and a lookup never adds one.
 */
public final class PeerRegistry {

	private final Set<Peer> all = ConcurrentHashMap.newKeySet();

	private final Set<Peer> allView = Collections.unmodifiableSet(this.all);

	private final Map<String, Set<Peer>> byNamespace = new ConcurrentHashMap<>();

	/** Notified when the last peer leaves, for shutdown. */
	private final Object emptied = new Object();

	void add(Peer peer) {
		// under the map's lock for the namespace, so that a concurrent remove cannot drop
		// the set
		this.byNamespace.compute(peer.namespace(), (key, peers) -> {
			Set<Peer> set = (peers != null) ? peers : ConcurrentHashMap.newKeySet();
			set.add(peer);
			return set;
		});
		this.all.add(peer);
	}

	void remove(Peer peer) {
		this.all.remove(peer);
		this.byNamespace.computeIfPresent(peer.namespace(), (key, peers) -> {
			peers.remove(peer);
			return peers.isEmpty() ? null : peers;
		});
		if (this.all.isEmpty()) {
			synchronized (this.emptied) {
				this.emptied.notifyAll();
			}
		}
	}

	/**
	 * Waits until no peer is open, at most {@code timeout}.
	 * @return whether every peer has gone
	 */
	boolean awaitEmpty(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.emptied) {
			long left = deadline - System.nanoTime();
			while (!this.all.isEmpty() && left > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.emptied, left);
				left = deadline - System.nanoTime();
			}
		}
		return this.all.isEmpty();
	}

	public Set<Peer> all() {
		return this.allView;
	}

	/** A live, read-only view of the open peers of a namespace; looking adds nothing. */
	public Set<Peer> inNamespace(String namespace) {
		return new NamespaceView(namespace);
	}

	/** Open peers by namespace, namespaces without peers left out. */
	public Map<String, Integer> countsByNamespace() {
		Map<String, Integer> counts = new TreeMap<>();
		this.byNamespace.forEach((namespace, peers) -> {
			if (!peers.isEmpty()) {
				counts.put(namespace, peers.size());
			}
		});
		return counts;
	}

	/**
	 * The peers of one namespace, read from the map at each call, as the entry comes and
	 * goes.
	 */
	private final class NamespaceView extends AbstractSet<Peer> {

		private final String namespace;

		NamespaceView(String namespace) {
			this.namespace = namespace;
		}

		private Set<Peer> peers() {
			return PeerRegistry.this.byNamespace.getOrDefault(this.namespace, Set.of());
		}

		@Override
		public Iterator<Peer> iterator() {
			return Collections.unmodifiableSet(peers()).iterator();
		}

		@Override
		public int size() {
			return peers().size();
		}

		@Override
		public boolean contains(Object peer) {
			return peers().contains(peer);
		}

	}

}
