package io.github.h3spring.demo;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * h3's WebSocket example: logs every hook (client text escaped) and answers "ping" with
 * "pong".
 */
@H3Handler("/_ws")
class EchoSocket implements WebSocketHooks {

	private static final Logger log = LoggerFactory.getLogger(EchoSocket.class);

	@Override
	public void open(Peer peer) {
		log.info("[ws] open {}", peer);
	}

	@Override
	public void message(Peer peer, Message message) {
		// client text, so escaped and cut: a line break in it must not start a log line
		// of its own
		log.info("[ws] message {} {}", peer,
				message.isBinary() ? message.bytes().length + " bytes" : LoggedText.of(message.text()));
		if (message.text().contains("ping")) {
			peer.send("pong");
		}
	}

	@Override
	public void close(Peer peer, CloseEvent event) {
		log.info("[ws] close {} {}", peer, event);
	}

	@Override
	public void error(Peer peer, Throwable error) {
		log.warn("[ws] error {}", peer, error);
	}

}
