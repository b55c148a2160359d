package io.github.h3spring.internal.pubsub;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.github.h3spring.internal.metrics.PubSubMetrics;
import io.github.h3spring.pubsub.SyncDriver;
import io.github.h3spring.pubsub.SyncMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Publishes to local subscribers and, through the {@link SyncDriver} when one is
 * configured, to the other instances; delivers what other instances publish to local
 * subscribers only.
 * <p>
 * Every publish has an {@link Origins origin}, by which event streams on every instance
 * know it. With a backplane, this instance numbers its publishes under a lock that it
 * holds until the event streams have numbered the publish too and the driver has it, so
 * that concurrent publishes to different topics reach the streams here and the other
 * instances in their number order; WebSocket peers, and the streams' writes, get the
 * publish after the lock. Without a backplane, the streams number the publishes as they
 * reach them and no lock is taken. Another instance's publish carries its origin, or is
 * numbered here when the driver did not carry it.
 */
public final class PubSubBroker {

	private static final Log logger = LogFactory.getLog(PubSubBroker.class);

	private final TopicRegistry topics;

	private final PayloadEncoder encoder;

	private final @Nullable SyncDriver syncDriver;

	private final PubSubMetrics metrics;

	private final Origins origins;

	private final UUID instance;

	private final ReentrantLock numbering = new ReentrantLock();

	public PubSubBroker(TopicRegistry topics, PayloadEncoder encoder, @Nullable SyncDriver syncDriver,
			PubSubMetrics metrics, Origins origins) {
		this.topics = topics;
		this.encoder = encoder;
		this.syncDriver = syncDriver;
		this.metrics = metrics;
		this.origins = origins;
		this.instance = origins.instance();
		if (syncDriver != null) {
			syncDriver.subscribe(this::deliverRemote);
		}
	}

	/**
	 * Publishes to the subscribers of a topic, in one namespace or in all of them
	 * ({@code namespace == null}), skipping the sender.
	 */
	public void publish(@Nullable String namespace, String topic, Object data, @Nullable TopicSubscriber sender) {
		Payload payload = this.encoder.encode(data);
		try {
			if (this.syncDriver != null) {
				publishNumbered(namespace, topic, payload, sender, this.syncDriver);
			}
			else {
				this.topics.deliver(namespace, topic, payload, sender);
			}
		}
		finally {
			payload.release();
		}
	}

	private void publishNumbered(@Nullable String namespace, String topic, Payload payload,
			@Nullable TopicSubscriber sender, SyncDriver driver) {
		Object syncData = payload.isBinary() ? payload.bytes() : payload.text();
		payload.deferWork();
		this.numbering.lock();
		try {
			long number = this.origins.numberLocal();
			payload.originate(this.origins.local(), number);
			try {
				this.topics.deliverToAnyNamespace(topic, payload, sender);
			}
			finally {
				this.origins.delivered(this.origins.local(), number);
				driver.publish(
						new SyncMessage(namespace, topic, syncData, new SyncMessage.Origin(this.instance, number)));
			}
		}
		finally {
			this.numbering.unlock();
			payload.fannedOut();
		}
		this.metrics.syncPublished();
		this.topics.deliverToNamespace(namespace, topic, payload, sender);
	}

	private void deliverRemote(SyncMessage message) {
		this.metrics.syncReceived();
		Payload payload = this.encoder.encode(message.data());
		SyncMessage.Origin from = message.origin();
		Origins.Origin origin = (from != null) ? this.origins.arrived(from.instance(), from.sequence())
				: this.origins.unattributed();
		long number = (from != null) ? from.sequence() : 0;
		payload.originate(origin, number);
		try {
			this.topics.deliver(message.namespace(), message.topic(), payload, null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not deliver a message from another instance on topic '" + message.topic() + "'", ex);
		}
		finally {
			if (from != null) {
				this.origins.delivered(origin, number);
			}
			payload.release();
		}
	}

	public Origins origins() {
		return this.origins;
	}

	public TopicRegistry topics() {
		return this.topics;
	}

	public PayloadEncoder encoder() {
		return this.encoder;
	}

}
