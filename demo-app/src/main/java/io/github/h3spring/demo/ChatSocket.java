package io.github.h3spring.demo;

import io.github.h3spring.H3Handler;
import io.github.h3spring.websocket.CloseEvent;
import io.github.h3spring.websocket.Message;
import io.github.h3spring.websocket.Peer;
import io.github.h3spring.websocket.WebSocketHooks;

/**
 * A chat room: every message goes to every other chat peer; joins and leaves are
 * announced.
 */
@H3Handler("/chat")
class ChatSocket implements WebSocketHooks {

	static final String TOPIC = "chat";

	@Override
	public void open(Peer peer) {
		peer.subscribe(TOPIC);
		peer.send("Welcome! " + peer.peers().size() + " in the room.");
		peer.publish(TOPIC, "[" + shortId(peer) + "] joined");
	}

	@Override
	public void message(Peer peer, Message message) {
		peer.publish(TOPIC, "[" + shortId(peer) + "] " + message.text());
	}

	@Override
	public void close(Peer peer, CloseEvent event) {
		peer.publish(TOPIC, "[" + shortId(peer) + "] left");
	}

	private static String shortId(Peer peer) {
		return peer.id().substring(0, 8);
	}

}
