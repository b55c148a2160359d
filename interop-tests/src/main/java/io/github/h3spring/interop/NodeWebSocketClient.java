package io.github.h3spring.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of Node.js run as a child process on {@code node/client.mjs}: Node's
 * built-in {@code WebSocket} (undici, what Node applications and many CLIs use) or the
 * {@code ws} package (what most Node servers and test tools use). Each run prints one
 * {@link ClientResult} per socket, run by {@link NodeScript}.
 */
public enum NodeWebSocketClient {

	/**
	 * Node's built-in {@code WebSocket}, which is undici's; offers permessage-deflate.
	 */
	UNDICI("undici"),

	/** The {@code ws} package, with permessage-deflate offered. */
	WS("ws");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	NodeWebSocketClient(String name) {
		this.name = name;
	}

	/**
	 * Runs one scenario of {@code client.mjs} to its end.
	 * @param scenario the scenario's name, such as {@code send-then-close}
	 * @param url the WebSocket URL
	 * @param argument the scenario's argument (a count, a size)
	 * @return what each socket received and how it closed
	 */
	public List<ClientResult> run(String scenario, String url, int argument) throws IOException, InterruptedException {
		String output = NodeScript.run(List.of("ws"), "client.mjs", this.name, scenario, url, String.valueOf(argument));
		List<ClientResult> results = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (!line.isBlank()) {
				results.add(JSON.readValue(line, ClientResult.class));
			}
		}
		return results;
	}

}
