package io.github.h3spring.observation;

import io.github.h3spring.H3Event;
import io.micrometer.observation.Observation;

/**
 * The context of an {@link H3ObservationDocumentation#EVENT_HANDLER} observation: the
 * handler and the request it answers.
 */
public class EventHandlerObservationContext extends Observation.Context {

	private final String handler;

	private final H3Event event;

	/**
	 * Creates the context of a handler call.
	 * @param handler the handler's bean name
	 * @param event the request
	 */
	public EventHandlerObservationContext(String handler, H3Event event) {
		this.handler = handler;
		this.event = event;
	}

	/**
	 * Returns the handler's bean name.
	 * @return the bean name
	 */
	public String getHandler() {
		return this.handler;
	}

	/**
	 * Returns the request the handler answers.
	 * @return the request
	 */
	public H3Event getEvent() {
		return this.event;
	}

}
