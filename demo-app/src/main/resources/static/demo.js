// The demo page: a chat on /chat, the echo socket on /_ws, the event stream on /sse and the
// chat read as events on /chat/events.
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

  const events = new EventSource("/sse");
  events.addEventListener("message", (event) => append("sse-log", event.data));

  // The browser resumes with Last-Event-ID after a drop; "h3-reset" says the gap was too long.
  const chatEvents = new EventSource("/chat/events");
  chatEvents.addEventListener("message", (event) => append("chat-events-log", event.data));
  chatEvents.addEventListener("h3-reset", () => append("chat-events-log", "(missed messages while away)"));
})();
