package io.github.h3spring.internal.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/**
 * A {@code Mono} observed from its subscription until it terminates or is cancelled. The
 * code that assembles it and its subscription run in the observation's scope, on
 * whichever thread subscribes, so that a reactive hook's log lines carry its trace; the
 * observation is also in the Reactor context for the operators that hop threads later.
 *
 * @param <T> the value's type
 */
public final class ObservedMono<T> extends MonoOperator<T, T> {

	/**
	 * The key of the current observation in the Reactor context (Micrometer's
	 * {@code ObservationThreadLocalAccessor.KEY}, spelled out so that context-propagation
	 * need not be on the class path); WebFlux puts its HTTP observation there.
	 */
	public static final String CONTEXT_KEY = "micrometer.observation";

	private final Observation observation;

	private ObservedMono(Mono<T> source, Observation observation) {
		super(source);
		this.observation = observation;
	}

	/**
	 * Observes what {@code call} returns with an observation that {@code observation}
	 * creates at each subscription.
	 * @param <T> the value's type
	 * @param observation creates the observation, not started
	 * @param parent its parent, whose scope is open while it starts (a tracer takes the
	 * span in scope as the parent)
	 * @param call assembles the {@code Mono}
	 * @return the observed {@code Mono}
	 */
	public static <T> Mono<T> observe(Supplier<Observation> observation, Observation parent, Supplier<Mono<T>> call) {
		return Mono.defer(() -> {
			Observation started;
			try (Observation.Scope scope = parent.openScope()) {
				started = observation.get().start();
			}
			Mono<T> source;
			try (Observation.Scope scope = started.openScope()) {
				source = call.get();
			}
			catch (RuntimeException | Error ex) {
				started.error(ex);
				started.stop();
				throw ex;
			}
			return whileRunning(source, started);
		});
	}

	/**
	 * Stops a started observation when {@code source} terminates or is cancelled,
	 * recording its error.
	 * @param <T> the value's type
	 * @param source the {@code Mono}
	 * @param observation the started observation
	 * @return the observed {@code Mono}
	 */
	public static <T> Mono<T> whileRunning(Mono<T> source, Observation observation) {
		return new ObservedMono<>(source, observation).doOnError(observation::error)
			.doFinally((signal) -> observation.stop())
			.contextWrite((context) -> context.put(CONTEXT_KEY, observation));
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		try (Observation.Scope scope = this.observation.openScope()) {
			this.source.subscribe(actual);
		}
	}

}
