// Drives the interop application with an independent WebSocket client and prints one JSON line
// per socket: what it received, in order, and how it closed.
//
//   node --experimental-websocket client.mjs <undici|ws> <scenario> <url> [count]
//
// Scenarios:
//   send-then-close  sends "close", expects the server's messages then its Close frame
//   oversized        sends "hello" (echoed), then a message over the server's limit
//   announce         opens [count] sockets, waits until each has joined the room, POSTs to the
//                    announce URL (url with ws -> http and /room/ -> /announce/), and reports
//                    what each socket saw before its close
import { WebSocket as WsWebSocket } from 'ws';

const [clientName, scenario, url, countArg] = process.argv.slice(2);
const TIMEOUT_MS = 15000;

function open(target) {
  return new Promise((resolve, reject) => {
    const result = { messages: [], code: null, reason: null, wasClean: null, extensions: null };
    let socket;
    if (clientName === 'undici') {
      socket = new WebSocket(target);
      socket.binaryType = 'arraybuffer';
      socket.onmessage = (event) => result.messages.push(typeof event.data === 'string' ? event.data : `binary:${event.data.byteLength}`);
      socket.onclose = (event) => {
        Object.assign(result, { code: event.code, reason: event.reason, wasClean: event.wasClean });
        socket.closed(result);
      };
      socket.onerror = (event) => { result.error = String(event.error?.message ?? event.message); };
    } else if (clientName === 'ws') {
      socket = new WsWebSocket(target, { perMessageDeflate: true });
      socket.on('message', (data, isBinary) => result.messages.push(isBinary ? `binary:${data.length}` : data.toString()));
      socket.on('close', (code, reason) => {
        // ws has no wasClean: a connection that ended without a Close frame reports 1006
        Object.assign(result, { code, reason: reason.toString(), wasClean: code !== 1006 });
        socket.closed(result);
      });
      socket.on('error', () => {});
    } else {
      reject(new Error(`unknown client ${clientName}`));
      return;
    }
    socket.done = new Promise((done) => { socket.closed = done; });
    // the room's open hook answers "joined" once it has subscribed the peer
    socket.joined = new Promise((joined) => socket.addEventListener('message', (event) => {
      if (event.data === 'joined') joined();
    }));
    socket.addEventListener('open', () => {
      result.extensions = socket.extensions;
      resolve(socket);
    });
    socket.addEventListener('close', () => reject(new Error('closed before open')));
  });
}

function withTimeout(promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS))]);
}

async function sendThenClose() {
  const socket = await open(url);
  socket.send('close');
  return [await socket.done];
}

async function oversized() {
  const socket = await open(url);
  socket.send('hello');
  socket.send('x'.repeat(Number(countArg ?? 4096)));
  return [await socket.done];
}

async function announce() {
  const sockets = [];
  for (let i = 0; i < Number(countArg ?? 1); i++) {
    const socket = await open(url);
    await socket.joined;
    sockets.push(socket);
  }
  const announceUrl = url.replace(/^ws/, 'http').replace('/room/', '/announce/');
  const response = await fetch(announceUrl, { method: 'POST' });
  if (response.status !== 200) {
    throw new Error(`announce answered ${response.status}`);
  }
  return Promise.all(sockets.map((socket) => socket.done));
}

const scenarios = { 'send-then-close': sendThenClose, oversized, announce };
try {
  for (const result of await withTimeout(scenarios[scenario]())) {
    console.log(JSON.stringify(result));
  }
  process.exit(0);
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
