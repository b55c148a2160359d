// The crossws + h3 benchmark server: the same endpoints as the two Java servers, written as the
// h3 and crossws documentation teaches. Usage: node --expose-gc server.mjs <port>
import { H3, createEventStream, defineWebSocketHandler, serve } from "h3";
import { plugin as ws } from "crossws/server";

const TOPIC = "bench";
const port = Number(process.argv[2] || 3000);
const streams = new Set();
const app = new H3();

app.get("/echo", defineWebSocketHandler({
  message(peer, message) {
    peer.send(message.text());
  },
}));

app.get("/fanout", defineWebSocketHandler({
  open(peer) {
    if (!new URL(peer.request.url).searchParams.has("publisher")) {
      peer.subscribe(TOPIC);
    }
  },
  message(peer, message) {
    const text = message.text();
    peer.publish(TOPIC, text);
    for (const stream of streams) {
      stream.push(text);
    }
  },
}));

app.get("/sse", (event) => {
  const stream = createEventStream(event);
  streams.add(stream);
  stream.onClosed(() => streams.delete(stream));
  return stream.send();
});

app.get("/_bench/memory", () => {
  globalThis.gc?.();
  return { heapUsed: process.memoryUsage().heapUsed };
});

serve(app, { port, hostname: "127.0.0.1", silent: true, plugins: [ws({})] });
