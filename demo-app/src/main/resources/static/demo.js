// The demo page: a chat on /chat, the echo socket on /_ws, the JSON-RPC calculator on /calc, the
// event stream on /sse and the chat read as events on /chat/events.
(function () {
  "use strict";

  const wsBase = (location.protocol === "https:" ? "wss://" : "ws://") + location.host;

  function append(id, line) {
    const log = document.getElementById(id);
    log.textContent += line + "\n";
    log.scrollTop = log.scrollHeight;
  }

  function connect(path, onMessage, onOpen) {
    const socket = new WebSocket(wsBase + path);
    socket.addEventListener("message", (event) => onMessage(event.data));
    if (onOpen) {
      socket.addEventListener("open", onOpen);
    }
    return socket;
  }

  const chat = connect("/chat", (text) => append("chat-log", text));
  document.getElementById("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("chat-input");
    if (input.value && chat.readyState === WebSocket.OPEN) {
      chat.send(input.value);
      append("chat-log", "[me] " + input.value);
      input.value = "";
    }
  });

  const echo = connect("/_ws", (text) => append("echo-log", "< " + text),
    () => append("echo-log", "connected"));
  document.getElementById("echo-ping").addEventListener("click", () => {
    echo.send("ping");
    append("echo-log", "> ping");
  });

  // JSON-RPC 2.0: the same request over HTTP (fetch) or over the socket, which also receives the
  // server's "computed" notifications.
  let nextId = 1;
  const pending = new Map();
  const calc = connect("/calc", (text) => {
    const message = JSON.parse(text);
    if (message.method === "computed") {
      const p = message.params;
      append("calc-log", "notification: " + p.operation + "(" + p.a + ", " + p.b + ") = " + p.result);
    }
    else if (pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  }, () => append("calc-log", "connected"));

  function request() {
    return {
      jsonrpc: "2.0",
      id: nextId++,
      method: document.getElementById("calc-operation").value,
      params: { a: Number(document.getElementById("calc-a").value), b: Number(document.getElementById("calc-b").value) }
    };
  }

  function show(via, response) {
    append("calc-log", via + ": " + (response.error
      ? "error " + response.error.code + " " + response.error.message
      : "= " + response.result));
  }

  document.getElementById("calc-http").addEventListener("click", async () => {
    const response = await fetch("/calc", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request())
    });
    show("HTTP", await response.json());
  });

  document.getElementById("calc-ws").addEventListener("click", () => {
    const call = request();
    pending.set(call.id, (response) => show("WebSocket", response));
    calc.send(JSON.stringify(call));
  });

  const events = new EventSource("/sse");
  events.addEventListener("message", (event) => append("sse-log", event.data));

  // The browser resumes with Last-Event-ID after a drop; "h3-reset" says the gap was too long.
  const chatEvents = new EventSource("/chat/events");
  chatEvents.addEventListener("message", (event) => append("chat-events-log", event.data));
  chatEvents.addEventListener("h3-reset", () => append("chat-events-log", "(missed messages while away)"));
})();
