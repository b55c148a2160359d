package io.github.h3spring.internal.pubsub;

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
 */
public final class PubSubBroker {

	private static final Log logger = LogFactory.getLog(PubSubBroker.class);

	private final TopicRegistry topics;

	private final PayloadEncoder encoder;

	private final @Nullable SyncDriver syncDriver;

	private final PubSubMetrics metrics;

	public PubSubBroker(TopicRegistry topics, PayloadEncoder encoder, @Nullable SyncDriver syncDriver,
			PubSubMetrics metrics) {
		this.topics = topics;
		this.encoder = encoder;
		this.syncDriver = syncDriver;
		this.metrics = metrics;
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
			this.topics.deliver(namespace, topic, payload, sender);
			if (this.syncDriver != null) {
				Object syncData = payload.isBinary() ? payload.bytes() : payload.text();
				this.syncDriver.publish(new SyncMessage(namespace, topic, syncData));
				this.metrics.syncPublished();
			}
		}
		finally {
			payload.release();
		}
	}

	private void deliverRemote(SyncMessage message) {
		this.metrics.syncReceived();
		Payload payload = this.encoder.encode(message.data());
		try {
			this.topics.deliver(message.namespace(), message.topic(), payload, null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not deliver a message from another instance on topic '" + message.topic() + "'", ex);
		}
		finally {
			payload.release();
		}
	}

	public TopicRegistry topics() {
		return this.topics;
	}

	public PayloadEncoder encoder() {
		return this.encoder;
	}

}
