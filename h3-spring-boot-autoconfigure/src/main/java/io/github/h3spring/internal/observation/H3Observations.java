package io.github.h3spring.internal.observation;

import java.util.function.Supplier;

import io.github.h3spring.observation.DefaultEventHandlerObservationConvention;
import io.github.h3spring.observation.DefaultEventStreamObservationConvention;
import io.github.h3spring.observation.DefaultWebSocketHookObservationConvention;
import io.github.h3spring.observation.DefaultWebSocketUpgradeObservationConvention;
import io.github.h3spring.observation.EventHandlerObservationContext;
import io.github.h3spring.observation.EventHandlerObservationConvention;
import io.github.h3spring.observation.EventStreamObservationContext;
import io.github.h3spring.observation.EventStreamObservationConvention;
import io.github.h3spring.observation.H3ObservationDocumentation;
import io.github.h3spring.observation.WebSocketHookObservationContext;
import io.github.h3spring.observation.WebSocketHookObservationConvention;
import io.github.h3spring.observation.WebSocketUpgradeObservationContext;
import io.github.h3spring.observation.WebSocketUpgradeObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The application's {@link ObservationRegistry} and the conventions it chose, from which
 * the runtime creates its observations. Callers on a per-message path ask
 * {@link #isNoop()} first and create nothing when it is {@code true}.
 */
public final class H3Observations {

	/** Observes nothing: the application has no {@link ObservationRegistry}. */
	public static final H3Observations NONE = new H3Observations(ObservationRegistry.NOOP, false,
			new Conventions(null, null, null, null));

	private static final WebSocketUpgradeObservationConvention DEFAULT_UPGRADE = new DefaultWebSocketUpgradeObservationConvention();

	private static final WebSocketHookObservationConvention DEFAULT_HOOK = new DefaultWebSocketHookObservationConvention();

	private static final EventHandlerObservationConvention DEFAULT_HANDLER = new DefaultEventHandlerObservationConvention();

	private static final EventStreamObservationConvention DEFAULT_STREAM = new DefaultEventStreamObservationConvention();

	private final ObservationRegistry registry;

	private final boolean hooks;

	private final Conventions conventions;

	/**
	 * Observes with a registry.
	 * @param registry the application's registry
	 * @param hooks whether to observe WebSocket hook calls
	 * @param conventions the conventions the application declared
	 */
	public H3Observations(ObservationRegistry registry, boolean hooks, Conventions conventions) {
		this.registry = registry;
		this.hooks = hooks;
		this.conventions = conventions;
	}

	/** Whether nothing is observed: no registry, or one without handlers. */
	public boolean isNoop() {
		return this.registry.isNoop();
	}

	/** Whether WebSocket hook calls are observed. */
	public boolean observesHooks() {
		return this.hooks && !this.registry.isNoop();
	}

	/** The observation the registry has in scope on this thread, if any. */
	public @Nullable Observation current() {
		return this.registry.getCurrentObservation();
	}

	/** Creates the observation of an upgrade, not started. */
	public Observation upgrade(Supplier<WebSocketUpgradeObservationContext> context) {
		return H3ObservationDocumentation.WEBSOCKET_UPGRADE.observation(this.conventions.upgrade(), DEFAULT_UPGRADE,
				context, this.registry);
	}

	/** Creates the observation of a hook call, not started. */
	public Observation hook(Supplier<WebSocketHookObservationContext> context) {
		return H3ObservationDocumentation.WEBSOCKET_HOOK.observation(this.conventions.hook(), DEFAULT_HOOK, context,
				this.registry);
	}

	/** Creates the observation of an {@code EventHandler} call, not started. */
	public Observation handler(Supplier<EventHandlerObservationContext> context) {
		return H3ObservationDocumentation.EVENT_HANDLER.observation(this.conventions.handler(), DEFAULT_HANDLER,
				context, this.registry);
	}

	/** Creates the observation of an event stream, not started. */
	public Observation stream(Supplier<EventStreamObservationContext> context) {
		return H3ObservationDocumentation.EVENT_STREAM.observation(this.conventions.stream(), DEFAULT_STREAM, context,
				this.registry);
	}

	/**
	 * The conventions the application declared, each {@code null} for the default.
	 *
	 * @param upgrade the convention of upgrades
	 * @param hook the convention of hook calls
	 * @param handler the convention of {@code EventHandler} calls
	 * @param stream the convention of event streams
	 */
	public record Conventions(@Nullable WebSocketUpgradeObservationConvention upgrade,
			@Nullable WebSocketHookObservationConvention hook, @Nullable EventHandlerObservationConvention handler,
			@Nullable EventStreamObservationConvention stream) {
	}

}
