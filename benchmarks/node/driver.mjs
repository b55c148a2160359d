// The second load driver: the workloads of the Java driver (benchmarks/.../driver/LoadDriver.java)
// with the same semantics, options and result lines, on Node's single event loop with the ws
// package for WebSockets and Node's http module for event streams. A figure that holds with both
// drivers is a property of the server, not of one client.
//
//   node driver.mjs --server NAME --port PORT --pid PID --workloads LIST --out FILE
//                   [--repetition N] [--warmup S] [--duration S] [--size BYTES] [--window N]
//                   [--clock-ticks HZ] [--time-limit S]
//
// Workloads: echo-c<N>, cold-echo-c<N>, fanout-<N>, sse-<N>, storm-<N>, idle-<N> and warmup (echo and fan-out,
// not reported). Each measured workload appends one JSON line to --out, with "driver": "node".
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

const HOST = "127.0.0.1";
const SEQUENCE_DIGITS = 10;
const RING = 1024;
const STORM_CONCURRENCY = 32;
const MAX_FRAME = 1024 * 1024;
const MAX_LINE = 4096;
// One source address has about 28,000 ephemeral ports towards one server port, so past this many
// connections the next ones come from 127.0.0.2, 127.0.0.3, ... (the whole 127/8 is loopback).
const CONNECTIONS_PER_SOURCE = 20_000;
const SOURCES = 8;
let connectionsStarted = 0;

/** The loopback source address of the next connection. */
function nextSourceAddress() {
  return `127.0.0.${1 + (Math.floor(connectionsStarted++ / CONNECTIONS_PER_SOURCE) % SOURCES)}`;
}

const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));
const nowNanos = () => performance.now() * 1e6;

/** Latencies in nanoseconds, 1 µs to 60 s, in buckets about 0.1% wide (as HdrHistogram with 3 digits). */
class Latency {
  static SUB_BUCKETS = 2048;

  counts = new Float64Array(Latency.SUB_BUCKETS * 40);
  total = 0;

  record(nanos) {
    const value = Math.max(1_000, Math.min(nanos, 60e9));
    const bucket = Math.max(0, Math.floor(Math.log2(value)) - 10);
    this.counts[bucket * Latency.SUB_BUCKETS + Math.floor(value / 2 ** bucket)]++;
    this.total++;
  }

  /** The highest value of the bucket that holds the percentile, in microseconds (0 when empty). */
  percentileMicros(percentile) {
    const wanted = Math.max(1, Math.ceil((percentile / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (this.total > 0 && seen >= wanted) {
        const bucket = Math.floor(i / Latency.SUB_BUCKETS);
        return (((i % Latency.SUB_BUCKETS) + 1) * 2 ** bucket - 1) / 1_000;
      }
    }
    return 0;
  }
}

/** The server under test seen from outside: CPU time and RSS from /proc, live heap from /_bench/memory. */
class ServerProcess {
  constructor(pid, clockTicks, port) {
    this.pid = pid;
    this.clockTicks = clockTicks;
    this.port = port;
  }

  cpuSeconds() {
    const stat = this.read("stat");
    // the fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.substring(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / this.clockTicks;
  }

  rssBytes() {
    const line = this.read("status").split("\n").find((l) => l.startsWith("VmRSS:"));
    if (!line) {
      throw new Error(`No VmRSS in /proc/${this.pid}/status`);
    }
    return Number(line.replace(/[^0-9]/g, "")) * 1024;
  }

  /**
   * Memory a JVM server committed outside its Java heap (Native Memory Tracking's total less its
   * Java Heap category), or -1 when the server is not a JVM started with -XX:NativeMemoryTracking.
   */
  nativeCommittedBytes() {
    // jcmd attaches by sending SIGQUIT, which ends a process that is not a JVM (this Node server)
    if (!readFileSync(`/proc/${this.pid}/cmdline`, "utf8").includes("-XX:NativeMemoryTracking=")) {
      return -1;
    }
    let report;
    try {
      report = execFileSync("jcmd", [String(this.pid), "VM.native_memory", "summary"], { encoding: "utf8", timeout: 30_000 });
    } catch {
      return -1;
    }
    const total = /Total: reserved=\d+KB, committed=(\d+)KB/.exec(report);
    const heap = /Java Heap \(reserved=\d+KB, committed=(\d+)KB/.exec(report);
    return (total && heap) ? (Number(total[1]) - Number(heap[1])) * 1024 : -1;
  }

  liveHeapBytes() {
    return new Promise((resolve, reject) => {
      const request = http.get({ host: HOST, port: this.port, path: "/_bench/memory", agent: false, timeout: 60_000 },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => {
            const match = /"heapUsed"\s*:\s*(\d+)/.exec(body);
            match ? resolve(Number(match[1])) : reject(new Error(`Unexpected memory report: ${body}`));
          });
        });
      request.on("timeout", () => request.destroy(new Error("The memory report timed out")));
      request.on("error", reject);
    });
  }

  read(file) {
    try {
      return readFileSync(`/proc/${this.pid}/${file}`, "utf8");
    } catch (error) {
      throw new Error(`Server process ${this.pid} is gone`, { cause: error });
    }
  }
}

/** The sequence number that a message starts with (ten ASCII digits from offset), or -1. */
function sequenceOf(bytes, offset, end) {
  if (end - offset < SEQUENCE_DIGITS) {
    return -1;
  }
  let value = 0;
  for (let i = offset; i < offset + SEQUENCE_DIGITS; i++) {
    const digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) {
      return -1;
    }
    value = value * 10 + digit;
  }
  return value;
}

/**
 * One client connection (a WebSocket or an event stream). The listener hears onOpen(connection),
 * onMessage(connection, sequence) and onClosed(connection, opened), each at most once per event.
 */
class Connection {
  open = false;
  closed = false;
  /** Free slot for the workload (the send time of an echo, for example). */
  mark = 0;

  constructor(listener) {
    this.listener = listener;
  }

  isOpen() {
    return this.open && !this.closed;
  }

  opened() {
    this.open = true;
    this.listener.onOpen?.(this);
  }

  message(sequence) {
    this.listener.onMessage?.(this, sequence);
  }

  ended() {
    if (!this.closed) {
      this.closed = true;
      this.listener.onClosed?.(this, this.open);
    }
  }
}

/** A WebSocket of the ws package, without permessage-deflate so that no server compresses. */
class WsConnection extends Connection {
  constructor(url, listener) {
    super(listener);
    this.socket = new WebSocket(url, {
      perMessageDeflate: false, handshakeTimeout: 30_000, maxPayload: MAX_FRAME, localAddress: nextSourceAddress(),
    });
    this.socket.on("open", () => this.opened());
    this.socket.on("message", (data, isBinary) => {
      if (!isBinary) {
        this.message(sequenceOf(data, 0, data.length));
      }
    });
    this.socket.on("close", () => this.ended());
    // ws closes the socket after an error, and "close" follows
    this.socket.on("error", () => {});
  }

  /** Sends a text message. */
  send(text) {
    this.socket.send(text);
  }

  /** Closes politely: a close frame, then the server's. */
  close() {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.close(1000);
    }
  }

  abort() {
    this.socket.terminate();
  }
}

/**
 * An event stream over Node's http module: the data field of every event goes to the listener,
 * a status other than 200 closes it. It counts as open once the request is sent, since servers
 * send the response head with the first event.
 */
class SseConnection extends Connection {
  rest = null;

  constructor(path, listener) {
    super(listener);
    this.request = http.get({
      host: HOST, port: PORT, path, agent: false, localAddress: nextSourceAddress(),
      headers: { accept: "text/event-stream" },
    });
    this.request.on("socket", (socket) => {
      socket.setNoDelay(true);
      socket.on("connect", () => this.opened());
      socket.on("close", () => this.ended());
    });
    this.request.on("response", (response) => {
      if (response.statusCode !== 200) {
        this.abort();
        return;
      }
      response.on("data", (chunk) => this.lines(chunk));
    });
    this.request.on("error", () => this.ended());
  }

  send() {
    throw new Error("An event stream only receives");
  }

  close() {
    this.abort();
  }

  abort() {
    this.request.destroy();
  }

  lines(chunk) {
    let bytes = chunk;
    if (this.rest !== null) {
      bytes = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    let start = 0;
    for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
      this.field(bytes, start, end);
      start = end + 1;
    }
    if (start < bytes.length) {
      // a line cut by the chunk: kept up to MAX_LINE bytes, as the Java driver does
      this.rest = bytes.subarray(start, Math.min(bytes.length, start + MAX_LINE));
    }
  }

  field(bytes, start, end) {
    // "data:" in ASCII, then an optional space
    if (end - start >= 5 && bytes[start] === 100 && bytes[start + 1] === 97 && bytes[start + 2] === 116
        && bytes[start + 3] === 97 && bytes[start + 4] === 58) {
      const value = bytes[start + 5] === 32 ? start + 6 : start + 5;
      this.message(sequenceOf(bytes, value, end));
    }
  }
}

const webSocket = (path, listener) => new WsConnection(`ws://${HOST}:${PORT}${path}`, listener);
const eventStream = (path, listener) => new SseConnection(path, listener);

/**
 * Opens count connections, at most concurrency handshakes at a time, and resolves with those that
 * opened and how many failed to; inner hears everything after the handshake.
 */
function openMany(count, concurrency, timeoutMillis, open, inner) {
  return new Promise((resolve, reject) => {
    const opened = [];
    let started = 0;
    let failed = 0;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new Error(`Opening ${count} connections took longer than ${timeoutMillis} ms`));
    }, timeoutMillis);
    const finishIfDone = () => {
      if (!done && opened.length + failed >= count) {
        done = true;
        clearTimeout(timer);
        resolve({ connections: opened, failed });
      }
    };
    const next = () => {
      if (started < count) {
        started++;
        open(opener);
      }
    };
    const opener = {
      onOpen(connection) {
        opened.push(connection);
        inner.onOpen?.(connection);
        next();
        finishIfDone();
      },
      onMessage(connection, sequence) {
        inner.onMessage?.(connection, sequence);
      },
      onClosed(connection, wasOpen) {
        if (!wasOpen) {
          failed++;
          next();
          finishIfDone();
        }
        inner.onClosed?.(connection, wasOpen);
      },
    };
    for (let i = 0; i < Math.min(concurrency, count); i++) {
      next();
    }
    finishIfDone();
  });
}

/** What every workload shares: the server, the run's settings and the helpers to time and to wait. */
class Bench {
  constructor(server, serverName, repetition, warmupMillis, durationMillis, messageSize) {
    Object.assign(this, { server, serverName, repetition, warmupMillis, durationMillis, messageSize });
  }

  with(warmupMillis, durationMillis) {
    return new Bench(this.server, this.serverName, this.repetition, warmupMillis, durationMillis, this.messageSize);
  }

  /** A text message of messageSize bytes starting with the zero-padded sequence number. */
  message(sequence) {
    return String(sequence).padStart(SEQUENCE_DIGITS, "0").padEnd(Math.max(this.messageSize, SEQUENCE_DIGITS), "x");
  }

  /** Waits until the condition holds or the time is up; resolves whether it held. */
  async waitFor(condition, timeoutMillis) {
    const deadline = performance.now() + timeoutMillis;
    while (performance.now() < deadline) {
      if (condition()) {
        return true;
      }
      await sleep(20);
    }
    return false;
  }

  /** Closes the connections politely, then aborts what is still open after a while. */
  async closeAll(connections) {
    connections.forEach((connection) => connection.close());
    if (!(await this.waitFor(() => connections.every((connection) => !connection.isOpen()), 20_000))) {
      connections.forEach((connection) => connection.abort());
    }
  }

  startWindow() {
    return { startNanos: nowNanos(), startEpochMillis: Date.now(), startCpuSeconds: this.server.cpuSeconds() };
  }

  /** Ends a measurement window; its time of day goes to standard error, so a profile can be cut to it. */
  end(window) {
    console.error(`window ${window.startEpochMillis} ${Date.now()}`);
    const wallSeconds = (nowNanos() - window.startNanos) / 1e9;
    const cpuSeconds = this.server.cpuSeconds() - window.startCpuSeconds;
    return {
      perSecond: (operations) => operations / wallSeconds,
      perCpuSecond: (operations) => operations / Math.max(cpuSeconds, 0.01),
    };
  }

  throughput(workload, elapsed, operations, errors, latency) {
    return result({
      server: this.serverName, workload, repetition: this.repetition, rate: elapsed.perSecond(operations),
      perCpuSecond: elapsed.perCpuSecond(operations), p50Micros: latency.percentileMicros(50),
      p99Micros: latency.percentileMicros(99), errors,
    });
  }
}

/** A line of the results file, with the fields of Result.java in its order. */
function result(fields) {
  return {
    server: fields.server, workload: fields.workload, repetition: fields.repetition, rate: fields.rate ?? null,
    perCpuSecond: fields.perCpuSecond ?? null, p50Micros: fields.p50Micros ?? null, p99Micros: fields.p99Micros ?? null,
    rssPerConnection: fields.rssPerConnection ?? null, heapPerConnection: fields.heapPerConnection ?? null,
    nmtPerConnection: fields.nmtPerConnection ?? null, errors: fields.errors, driver: "node",
  };
}

/** Echo: each connection sends, waits for the echo and sends the next (one in flight per connection). */
async function echo(bench, connections, name = `echo-c${connections}`) {
  const latency = new Latency();
  const payload = bench.message(0);
  let measuring = false;
  let stopping = false;
  let received = 0;
  let inFlight = 0;
  let dropped = 0;
  const sendNext = (connection) => {
    connection.mark = nowNanos();
    inFlight++;
    connection.send(payload);
  };
  const opened = await openMany(connections, 64, 60_000, (listener) => webSocket("/echo", listener), {
    onMessage(connection) {
      const now = nowNanos();
      inFlight--;
      if (measuring) {
        latency.record(now - connection.mark);
        received++;
      }
      if (!stopping) {
        sendNext(connection);
      }
    },
    onClosed(connection, wasOpen) {
      if (wasOpen && !stopping) {
        dropped++;
      }
    },
  });
  opened.connections.forEach(sendNext);
  await sleep(bench.warmupMillis);
  measuring = true;
  const window = bench.startWindow();
  await sleep(bench.durationMillis);
  measuring = false;
  stopping = true;
  const elapsed = bench.end(window);
  await bench.waitFor(() => inFlight === 0, 10_000);
  const lost = inFlight + dropped;
  await bench.closeAll(opened.connections);
  return bench.throughput(name, elapsed, received, opened.failed + lost, latency);
}

/**
 * Broadcast: subscribers (WebSockets on /fanout or event streams on /sse) and one publisher on
 * /fanout?publisher, which keeps a window of publishes in flight: it sends the next one when every
 * subscriber has received the oldest.
 */
async function broadcast(bench, subscribers, eventStreams, windowSize) {
  const inFlightLimit = Math.min(windowSize, RING / 2);
  const latency = new Latency();
  const publishedAt = new Float64Array(RING);
  const receivedBy = new Int32Array(RING);
  let ready = 0;
  let live = 0;
  let nextSequence = 1;
  let completed = 0;
  let publishing = false;
  let measuring = false;
  let deliveries = 0;
  let lastDelivery = 0;
  let dropped = 0;
  let publisher;
  const publishWindow = () => {
    while (publishing && nextSequence - completed - 1 < inFlightLimit) {
      const sequence = nextSequence++;
      const slot = sequence % RING;
      receivedBy[slot] = 0;
      publishedAt[slot] = nowNanos();
      publisher.send(bench.message(sequence));
    }
  };
  const opened = await openMany(subscribers, 256, 120_000,
    (listener) => (eventStreams ? eventStream("/sse", listener) : webSocket("/fanout", listener)), {
      onMessage(connection, sequence) {
        if (sequence === 0) {
          if (connection.mark === 0) {
            connection.mark = 1;
            ready++;
          }
          return;
        }
        if (sequence < 0 || connection.mark === 0) {
          return;
        }
        const now = nowNanos();
        const slot = sequence % RING;
        lastDelivery = now;
        if (measuring) {
          latency.record(now - publishedAt[slot]);
          deliveries++;
        }
        if (++receivedBy[slot] >= live) {
          while (completed + 1 < nextSequence && receivedBy[(completed + 1) % RING] >= live) {
            completed++;
          }
          publishWindow();
        }
      },
      onClosed(connection, wasOpen) {
        if (wasOpen && publishing) {
          dropped++;
        }
      },
    });
  const publishers = await openMany(1, 1, 30_000, (listener) => webSocket("/fanout?publisher", listener), {});
  if (publishers.connections.length === 0) {
    throw new Error("The publisher could not connect");
  }
  let failed = opened.failed;
  publisher = publishers.connections[0];
  live = opened.connections.length;
  // subscriptions may start a little after the handshake: probe until every subscriber hears
  const probe = setInterval(() => ready < live && publisher.send(bench.message(0)), 20);
  const allReady = await bench.waitFor(() => ready >= live, 60_000);
  clearInterval(probe);
  if (!allReady) {
    failed += live - ready;
  }
  live = ready;
  publishing = true;
  lastDelivery = nowNanos();
  publishWindow();
  await sleep(bench.warmupMillis);
  measuring = true;
  const window = bench.startWindow();
  // ends early when deliveries stall, so a lost message cannot hang the run
  await bench.waitFor(() => nowNanos() - lastDelivery > 5e9, bench.durationMillis);
  measuring = false;
  publishing = false;
  const elapsed = bench.end(window);
  const drained = await bench.waitFor(() => completed === nextSequence - 1, 10_000);
  const lost = drained ? 0 : nextSequence - 1 - completed;
  await bench.closeAll([publisher]);
  await bench.closeAll(opened.connections);
  const name = (eventStreams ? "sse-" : "fanout-") + subscribers;
  return bench.throughput(name, elapsed, deliveries, failed + lost + dropped, latency);
}

/**
 * Connection storm: connections to /echo opened 32 at a time, each closed (close handshake) as
 * soon as it opens; the latency is the time from connecting to the end of the handshake.
 */
async function storm(bench, total) {
  const run = (count, limitMillis) => new Promise((resolve, reject) => {
    const outcome = { completed: 0, failed: 0, handshakes: new Latency() };
    const deadline = performance.now() + limitMillis;
    let started = 0;
    const timer = setTimeout(() => reject(new Error("The connection storm did not finish")), limitMillis + 30_000);
    const next = () => {
      if (started < count && performance.now() < deadline) {
        started++;
        const start = nowNanos();
        webSocket("/echo", {
          onOpen(connection) {
            outcome.handshakes.record(nowNanos() - start);
            connection.close();
          },
          onClosed(connection, wasOpen) {
            wasOpen ? outcome.completed++ : outcome.failed++;
            next();
          },
        });
      } else if (outcome.completed + outcome.failed === started) {
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    for (let i = 0; i < STORM_CONCURRENCY; i++) {
      next();
    }
  });
  await run(Math.max(Math.floor(total / 10), 50), bench.warmupMillis);
  const window = bench.startWindow();
  const measured = await run(total, bench.durationMillis * 4);
  const elapsed = bench.end(window);
  return bench.throughput("storm", elapsed, measured.completed, measured.failed, measured.handshakes);
}

/**
 * Idle memory: the server's resident memory and live heap before and after idle WebSockets on
 * /echo, divided by the connections; after a short echo warm-up, so pools exist before the baseline.
 */
async function idle(bench, connections) {
  await echo(bench.with(500, 1_000), 100);
  await sleep(1_000);
  const heapBefore = await bench.server.liveHeapBytes();
  const rssBefore = bench.server.rssBytes();
  const nativeBefore = bench.server.nativeCommittedBytes();
  let holding = false;
  let dropped = 0;
  const opened = await openMany(connections, 256, 180_000, (listener) => webSocket("/echo", listener), {
    onClosed(connection, wasOpen) {
      if (wasOpen && holding) {
        dropped++;
      }
    },
  });
  holding = true;
  await sleep(3_000);
  const heapAfter = await bench.server.liveHeapBytes();
  const rssAfter = bench.server.rssBytes();
  const nativeAfter = bench.server.nativeCommittedBytes();
  holding = false;
  const count = Math.max(opened.connections.length, 1);
  const errors = opened.failed + dropped;
  await bench.closeAll(opened.connections);
  return result({
    server: bench.serverName, workload: `idle-${connections}`, repetition: bench.repetition,
    rssPerConnection: (rssAfter - rssBefore) / count, heapPerConnection: (heapAfter - heapBefore) / count,
    nmtPerConnection: (nativeBefore >= 0 && nativeAfter >= 0)
      ? (nativeAfter - nativeBefore + heapAfter - heapBefore) / count : null,
    errors,
  });
}

function runWorkload(bench, workload, windowSize) {
  const dash = workload.lastIndexOf("-");
  const kind = workload.substring(0, dash);
  const count = workload.substring(dash + 1);
  switch (kind) {
    case "echo": return echo(bench, Number(count.substring(1)));
    // the first 2 s of a fresh server, with no warm-up: run it first
    case "cold-echo": return echo(bench.with(0, Math.min(bench.durationMillis, 2_000)), Number(count.substring(1)), workload);
    case "fanout": return broadcast(bench, Number(count), false, windowSize);
    case "sse": return broadcast(bench, Number(count), true, windowSize);
    case "storm": return storm(bench, Number(count));
    case "idle": return idle(bench, Number(count));
    default: throw new Error(`Unknown workload: ${workload}`);
  }
}

function parseOptions(args) {
  const options = {};
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (!args[i].startsWith("--")) {
      throw new Error(`Expected --option value, got ${args[i]}`);
    }
    options[args[i].substring(2)] = args[i + 1];
  }
  return options;
}

function required(options, name) {
  if (options[name] === undefined) {
    throw new Error(`Missing --${name}`);
  }
  return options[name];
}

const options = parseOptions(process.argv.slice(2));
const PORT = Number(required(options, "port"));
const timeLimit = Number(options["time-limit"] ?? 600);
// ends the driver, whatever it is doing, once the time limit is reached
setTimeout(() => {
  console.error(`Load driver time limit of ${timeLimit} s reached, exiting`);
  process.exit(3);
}, timeLimit * 1_000).unref();

const server = new ServerProcess(Number(required(options, "pid")), Number(options["clock-ticks"] ?? 100), PORT);
const bench = new Bench(server, required(options, "server"), Number(options.repetition ?? 1),
  Number(options.warmup ?? 2) * 1_000, Number(options.duration ?? 5) * 1_000, Number(options.size ?? 64));
const windowSize = Number(options.window ?? 8);
const out = required(options, "out");
try {
  for (const workload of required(options, "workloads").split(",").map((name) => name.trim())) {
    if (workload === "warmup") {
      // echo and fan-out unmeasured, so that the measurements see compiled code
      const warmup = bench.with(1_000, 2_000);
      await echo(warmup, 100);
      await broadcast(warmup, 1000, false, windowSize);
      continue;
    }
    const line = JSON.stringify(await runWorkload(bench, workload, windowSize));
    console.log(line);
    appendFileSync(out, line + "\n");
  }
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
