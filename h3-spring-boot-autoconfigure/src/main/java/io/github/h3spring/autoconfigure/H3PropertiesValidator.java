package io.github.h3spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.h3spring.autoconfigure.InvalidH3PropertiesException.Violation;
import io.github.h3spring.internal.websocket.OriginPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks bound {@link H3Properties} in code rather than with Bean Validation annotations,
 * which Boot applies only when a Jakarta Validation provider is on the class path:
 * without one, {@code @Validated} constraints would be skipped silently and a zero size
 * would start, then fail every upgrade.
 */
final class H3PropertiesValidator {

	private final List<Violation> violations = new ArrayList<>();

	private H3PropertiesValidator() {
	}

	/**
	 * Checks every group of the properties.
	 * @throws InvalidH3PropertiesException listing every invalid value
	 */
	static void validate(H3Properties properties) {
		H3PropertiesValidator validator = new H3PropertiesValidator();
		validator.websocket(properties.getWebsocket());
		validator.sse(properties.getSse());
		validator.pubsub(properties.getPubsub());
		validator.jsonrpc(properties.getJsonrpc());
		if (!validator.violations.isEmpty()) {
			throw new InvalidH3PropertiesException(validator.violations);
		}
	}

	private void websocket(H3Properties.WebSocket websocket) {
		DataSize maxMessageSize = websocket.getMaxMessageSize();
		if (maxMessageSize.toBytes() < 1 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
			reject("h3.websocket.max-message-size", maxMessageSize,
					"it must be at least 1B and at most " + Integer.MAX_VALUE
							+ "B: a message larger than it closes its connection with 1009",
					"a size such as 64KB, or remove it to use the default");
		}
		positive("h3.websocket.send-buffer-limit", websocket.getSendBufferLimit(),
				"a peer is closed with 1008 as soon as more than it is queued", "1MB");
		notNegative("h3.websocket.idle-timeout", websocket.getIdleTimeout(),
				"a duration such as 30s, or 0 to disable the liveness check");
		Integer maxConnections = websocket.getMaxConnections();
		if (maxConnections != null && maxConnections < 1) {
			reject("h3.websocket.max-connections", maxConnections,
					"it must be at least 1: upgrades beyond it are refused with 503, so it would refuse every "
							+ "WebSocket (it is not a way to say 'unlimited')",
					"the most open connections to accept, or remove it for no limit");
		}
		notNegative("h3.websocket.handshake-timeout", websocket.getHandshakeTimeout(),
				"a duration such as 10s, or 0 to disable the deadline");
		String originProblem = OriginPolicy.problem(websocket.getAllowedOrigins(), List.of());
		if (originProblem != null) {
			reject("h3.websocket.allowed-origins", websocket.getAllowedOrigins(), originProblem,
					"patterns such as https://*.example.com or http://localhost:[*]");
		}
		String hostProblem = OriginPolicy.problem(List.of(), websocket.getAllowedHosts());
		if (hostProblem != null) {
			reject("h3.websocket.allowed-hosts", websocket.getAllowedHosts(), hostProblem,
					"host names such as localhost or *.intranet.example");
		}
	}

	private void sse(H3Properties.Sse sse) {
		notNegative("h3.sse.keep-alive", sse.getKeepAlive(), "a duration such as 15s, or 0 to disable the heartbeat");
		Duration retry = sse.getRetry();
		if (retry != null) {
			notNegative("h3.sse.retry", retry, "a duration such as 3s, or remove it to keep the browsers' own delay");
		}
		positive("h3.sse.send-buffer-limit", sse.getSendBufferLimit(),
				"a stream is closed as soon as more than it is queued", "256KB");
		if (sse.getReplayBufferSize() < 0) {
			reject("h3.sse.replay-buffer-size", sse.getReplayBufferSize(), "it must not be negative",
					"a number of events such as 100, or 0 to disable resume");
		}
		notNegative("h3.sse.replay-time-to-live", sse.getReplayTimeToLive(), "a duration such as 1m");
	}

	private void jsonrpc(H3Properties.Jsonrpc jsonrpc) {
		if (jsonrpc.getMaxBatchSize() < 1) {
			reject("h3.jsonrpc.max-batch-size", jsonrpc.getMaxBatchSize(),
					"it must be at least 1: every batch larger than it is refused with -32600",
					"the most requests of one batch, such as 50");
		}
	}

	private void pubsub(H3Properties.Pubsub pubsub) {
		if (!StringUtils.hasText(pubsub.getChannel())) {
			reject("h3.pubsub.channel", pubsub.getChannel(), "it must not be blank: the instances meet on it",
					"a name that the instances of the application share, such as h3");
		}
		if (pubsub.getOutboxCapacity() < 0) {
			reject("h3.pubsub.outbox-capacity", pubsub.getOutboxCapacity(), "it must not be negative",
					"a number of publishes such as 10000, or 0 to keep none while the backplane is unreachable");
		}
		positive("h3.pubsub.replay-window", pubsub.getReplayWindow(), "1m");
		positive("h3.pubsub.initial-backoff", pubsub.getInitialBackoff(), "100ms");
		positive("h3.pubsub.max-backoff", pubsub.getMaxBackoff(), "10s");
		positive("h3.pubsub.connect-timeout", pubsub.getConnectTimeout(), "5s");
		if (isPositive(pubsub.getInitialBackoff()) && isPositive(pubsub.getMaxBackoff())
				&& pubsub.getMaxBackoff().compareTo(pubsub.getInitialBackoff()) < 0) {
			reject("h3.pubsub.max-backoff", pubsub.getMaxBackoff(),
					"it must not be shorter than h3.pubsub.initial-backoff (" + pubsub.getInitialBackoff() + ")",
					"a duration at least as long as h3.pubsub.initial-backoff, or remove both to use the defaults");
		}
	}

	private void positive(String name, DataSize size, String consequence, String example) {
		if (size.toBytes() < 1) {
			reject(name, size, "it must be at least 1B: " + consequence,
					"a size such as " + example + ", or remove it to use the default");
		}
	}

	private void positive(String name, Duration duration, String example) {
		if (!isPositive(duration)) {
			reject(name, duration, "it must be longer than 0",
					"a duration such as " + example + ", or remove it to use the default");
		}
	}

	private void notNegative(String name, Duration duration, String instead) {
		if (duration.isNegative()) {
			reject(name, duration, "it must not be negative", instead);
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private void reject(String name, @Nullable Object value, String reason, String instead) {
		this.violations.add(new Violation(name, String.valueOf(value), reason, "Set " + name + " to " + instead + "."));
	}

}
