package io.github.h3spring.demo;

import java.time.Duration;

import io.github.h3spring.EventHandler;
import io.github.h3spring.H3Event;
import io.github.h3spring.H3Handler;
import io.github.h3spring.sse.EventStream;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static io.github.h3spring.H3.createEventStream;

/**
 * h3's Server-Sent Events example: "Hello world" every second until the client leaves.
 */
@H3Handler("/sse")
class HelloStream implements EventHandler {

	@Override
	public Object handle(H3Event event) {
		EventStream stream = createEventStream(event);
		Disposable ticks = Flux.interval(Duration.ofSeconds(1)).subscribe((i) -> stream.push("Hello world"));
		stream.onClosed(() -> {
			ticks.dispose();
			stream.close();
		});
		return stream.send();
	}

}
