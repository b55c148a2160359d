// A JSON-RPC 2.0 client from npm (json-rpc-2.0) over the ws package, against the demo's
// calculator: calls by name and by position, an application error, an unknown method and a
// notification; collects the server's "computed" notifications, then prints one JSON line.
// Usage: node jsonrpc-client.mjs <ws url>
import WebSocket from "ws";
import { JSONRPCClient, JSONRPCServer, JSONRPCServerAndClient } from "json-rpc-2.0";

const TIMEOUT_MS = 10_000;
const url = process.argv[2];
const socket = new WebSocket(url);
const notifications = [];

const server = new JSONRPCServer();
server.addMethod("computed", (params) => {
  notifications.push(params);
});
const peer = new JSONRPCServerAndClient(server, new JSONRPCClient((request) => {
  socket.send(JSON.stringify(request));
  return Promise.resolve();
}));
socket.on("message", (data) => peer.receiveAndSend(JSON.parse(data.toString())));
socket.on("close", (code, reason) => peer.rejectAllPendingRequests(`closed ${code} ${reason}`));
socket.on("error", (error) => {
  console.error(error);
  process.exit(2);
});

function failure(error) {
  return { code: error.code, message: error.message, data: error.data ?? null };
}

async function until(condition) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error("timed out waiting for the server's notifications: " + JSON.stringify(notifications));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

socket.on("open", async () => {
  const client = peer.timeout(TIMEOUT_MS);
  const result = {};
  result.add = await client.request("add", { a: 2, b: 3 });
  result.subtract = await client.request("subtract", [10, 4]);
  result.divideError = await client.request("divide", { a: 1, b: 0 }).then(() => null, failure);
  result.unknownError = await client.request("power", [2, 8]).then(() => null, failure);
  peer.notify("multiply", { a: 6, b: 7 });
  await until(() => notifications.length === 3);
  result.notifications = notifications;
  console.log(JSON.stringify(result));
  socket.close(1000, "done");
});
