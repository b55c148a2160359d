package io.github.h3spring.demo;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;

import static io.github.h3spring.H3.createEventStream;

/**
 * The chat as Server-Sent Events: every message of the {@link ChatSocket} room,
 * read-only. A client that reconnects with {@code Last-Event-ID} first receives what it
 * missed.
 */
@H3Handler("/chat/events")
class ChatEvents implements EventHandler {

	@Override
	public Object handle(H3Event event) {
		EventStream stream = createEventStream(event);
		stream.subscribe(ChatSocket.TOPIC);
		return stream.send();
	}

}
