package io.github.h3spring.internal.actuate;

import java.util.List;
import java.util.Map;

import io.github.h3spring.internal.handler.H3HandlerDefinition;
import io.github.h3spring.internal.pubsub.TopicRegistry;
import io.github.h3spring.internal.pubsub.backplane.BackplaneDriver;
import io.github.h3spring.internal.sse.EventStreamRuntime;
import io.github.h3spring.internal.websocket.PeerRegistry;
import io.github.h3spring.pubsub.SyncDriver;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * {@code /actuator/h3}: the handlers and their paths, open peers by namespace, topics
 * with their subscribers, open event streams, and the backplane.
 */
@Endpoint(id = "h3")
public class H3Endpoint {

	private final List<H3HandlerDefinition> handlers;

	private final PeerRegistry peers;

	private final TopicRegistry topics;

	private final EventStreamRuntime streams;

	private final @Nullable SyncDriver syncDriver;

	public H3Endpoint(List<H3HandlerDefinition> handlers, PeerRegistry peers, TopicRegistry topics,
			EventStreamRuntime streams, @Nullable SyncDriver syncDriver) {
		this.handlers = handlers;
		this.peers = peers;
		this.topics = topics;
		this.streams = streams;
		this.syncDriver = syncDriver;
	}

	@ReadOperation
	public H3Descriptor h3() {
		List<HandlerDescriptor> handlers = this.handlers.stream().map(HandlerDescriptor::of).toList();
		Map<String, Integer> namespaces = this.peers.countsByNamespace();
		int total = namespaces.values().stream().mapToInt(Integer::intValue).sum();
		return new H3Descriptor(handlers, new WebSocketDescriptor(total, namespaces), this.topics.subscriberCounts(),
				new SseDescriptor(this.streams.openStreamCount()), BackplaneDescriptor.of(this.syncDriver));
	}

	/**
	 * What {@code /actuator/h3} answers.
	 *
	 * @param handlers the {@code @H3Handler} beans
	 * @param websocket the open WebSocket peers
	 * @param topics subscribers (peers and streams) by topic
	 * @param sse the open Server-Sent Events streams
	 * @param backplane the backplane between instances
	 */
	public record H3Descriptor(List<HandlerDescriptor> handlers, WebSocketDescriptor websocket,
			Map<String, Integer> topics, SseDescriptor sse,
			BackplaneDescriptor backplane) implements OperationResponseBody {
	}

	/**
	 * One {@code @H3Handler} bean.
	 *
	 * @param bean the bean name
	 * @param paths its path patterns
	 * @param http whether it answers plain HTTP requests
	 * @param websocket whether it has WebSocket hooks
	 * @param methods the HTTP methods it answers, empty for all
	 * @param blocking whether its code runs off the event loop
	 */
	public record HandlerDescriptor(String bean, List<String> paths, boolean http, boolean websocket,
			List<String> methods, boolean blocking) {

		static HandlerDescriptor of(H3HandlerDefinition definition) {
			return new HandlerDescriptor(definition.beanName(),
					definition.patterns().stream().map(PathPattern::getPatternString).toList(),
					definition.eventHandler() != null || definition.jsonRpc() != null, definition.hasHooks(),
					definition.methods().stream().map(HttpMethod::name).sorted().toList(), definition.blocking());
		}

	}

	/**
	 * The open WebSocket peers.
	 *
	 * @param peers how many are open
	 * @param namespaces how many are open in each namespace
	 */
	public record WebSocketDescriptor(int peers, Map<String, Integer> namespaces) {
	}

	/**
	 * The open Server-Sent Events streams.
	 *
	 * @param streams how many responses are streaming
	 */
	public record SseDescriptor(int streams) {
	}

	/**
	 * The backplane between instances.
	 *
	 * @param driver {@code Redis} or {@code PostgreSQL}, the class of an application's
	 * own {@code SyncDriver}, or {@code none}
	 * @param state {@code CONNECTING}, {@code CONNECTED} or {@code CLOSED} for the
	 * built-in backplanes, {@code null} otherwise
	 */
	public record BackplaneDescriptor(String driver, @Nullable String state) {

		static BackplaneDescriptor of(@Nullable SyncDriver driver) {
			if (driver instanceof BackplaneDriver backplane) {
				return new BackplaneDescriptor(backplane.describe(), backplane.state().name());
			}
			return new BackplaneDescriptor((driver != null) ? driver.getClass().getName() : "none", null);
		}

	}

}
