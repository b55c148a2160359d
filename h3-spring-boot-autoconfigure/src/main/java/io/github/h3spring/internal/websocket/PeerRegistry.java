package io.github.h3spring.internal.websocket;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.h3spring.websocket.Peer;

/**
 * The open peers, all together and by namespace.
 */
public final class PeerRegistry {

	private final Set<Peer> all = ConcurrentHashMap.newKeySet();

	private final Set<Peer> allView = Collections.unmodifiableSet(this.all);

	private final Map<String, Set<Peer>> byNamespace = new ConcurrentHashMap<>();

	/** Notified when the last peer leaves, for shutdown. */
	private final Object emptied = new Object();

	void add(Peer peer) {
		this.byNamespace.computeIfAbsent(peer.namespace(), (key) -> ConcurrentHashMap.newKeySet()).add(peer);
		this.all.add(peer);
	}

	void remove(Peer peer) {
		this.all.remove(peer);
		Set<Peer> peers = this.byNamespace.get(peer.namespace());
		if (peers != null) {
			peers.remove(peer);
		}
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

	public Set<Peer> inNamespace(String namespace) {
		Set<Peer> peers = this.byNamespace.computeIfAbsent(namespace, (key) -> ConcurrentHashMap.newKeySet());
		return Collections.unmodifiableSet(peers);
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

}
