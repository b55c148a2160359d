package io.github.h3spring.internal.observation;

import java.util.concurrent.CompletionStage;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.observation.EventHandlerObservationContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An {@link EventHandler} observed as {@code h3.http.handler}: the call in the
 * observation's scope, then what it returned until it completes ({@code Mono},
 * {@code Flux}, {@code CompletionStage}); the same on both stacks.
 */
public final class ObservedEventHandler implements EventHandler {

	private final String name;

	private final EventHandler handler;

	private final H3Observations observations;

	private ObservedEventHandler(String name, EventHandler handler, H3Observations observations) {
		this.name = name;
		this.handler = handler;
		this.observations = observations;
	}

	/**
	 * Observes a handler; each call costs nothing more when the application observes
	 * nothing.
	 * @param name the handler's bean name
	 * @param handler the handler
	 * @param observations the application's observations
	 * @return the handler to call
	 */
	public static ObservedEventHandler of(String name, EventHandler handler, H3Observations observations) {
		return new ObservedEventHandler(name, handler, observations);
	}

	@Override
	public @Nullable Object handle(H3Event event) throws Exception {
		return handle(event, null);
	}

	/**
	 * Calls the handler in its observation.
	 * @param event the request
	 * @param parent the observation of the request when the stack does not keep it in
	 * scope (WebFlux keeps it in the Reactor context), else {@code null}
	 * @return what the handler returned, observed until it completes
	 * @throws Exception what the handler threw
	 */
	public @Nullable Object handle(H3Event event, @Nullable Observation parent) throws Exception {
		if (this.observations.isNoop()) {
			return this.handler.handle(event);
		}
		Observation observation = this.observations.handler(() -> new EventHandlerObservationContext(this.name, event));
		if (parent != null) {
			observation.parentObservation(parent);
		}
		observation.start();
		Object result;
		try (Observation.Scope scope = observation.openScope()) {
			result = this.handler.handle(event);
		}
		catch (Exception | Error ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		return untilComplete(result, observation);
	}

	private static @Nullable Object untilComplete(@Nullable Object result, Observation observation) {
		if (result instanceof Mono<?> mono) {
			return ObservedMono.whileRunning(mono, observation);
		}
		if (result instanceof Flux<?> flux) {
			return flux.doOnError(observation::error).doFinally((signal) -> observation.stop());
		}
		if (result instanceof CompletionStage<?> stage) {
			return stage.whenComplete((value, error) -> {
				if (error != null) {
					observation.error(error);
				}
				observation.stop();
			});
		}
		observation.stop();
		return result;
	}

}
