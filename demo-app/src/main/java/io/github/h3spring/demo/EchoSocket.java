package io.github.h3spring.demo;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * h3's WebSocket example: logs every hook and answers "ping" with "pong".
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
		log.info("[ws] message {} {}", peer, message);
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
