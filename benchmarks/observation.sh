#!/usr/bin/env bash
# Measures what observations cost the echo path (issue 15): the starter's WebFlux server with no
# ObservationRegistry, with one that has no handler (noop) and with one whose only handler does
# nothing (observed: every hook call is an observation, none recorded), one short run each.
#
#   benchmarks/observation.sh              # echo-c100, 5 s after 2 s of warm-up per mode (about 1.5 minutes)
#   benchmarks/observation.sh --no-build   # reuse the jar of the last run
#
# Like run.sh: the server on CPU 0, the driver on CPU 1, loopback only, every run bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=true
[ "${1:-}" = --no-build ] && BUILD=false
JAR=benchmarks/target/benchmarks.jar
RESULTS_DIR=benchmarks/target/results
mkdir -p "$RESULTS_DIR/logs"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$RESULTS_DIR/observation-$STAMP.jsonl"
PORT=17480

if [ "$BUILD" = true ] || [ ! -f "$JAR" ]; then
	./mvnw -B -q ${MAVEN_ARGS:-} package -pl benchmarks -am -DskipTests
fi

SERVER_PID=
stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=
}
trap stop_server EXIT

for mode in none noop observed; do
	log="$RESULTS_DIR/logs/observation-$mode-$STAMP.log"
	args=()
	[ "$mode" != none ] && args=(--bench.observation="$mode")
	taskset -c 0 java -Xmx1g -XX:+UseSerialGC -jar "$JAR" starter --server.port=$PORT "${args[@]}" >"$log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 300); do
		grep -q "Netty started on port $PORT " "$log" && break
		kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server failed to start, see $log" >&2; exit 1; }
		sleep 0.2
	done
	echo "[observation] $mode"
	taskset -c 1 java -Xmx1g -XX:+UseSerialGC -jar "$JAR" driver --server "starter-$mode" --repetition 1 \
		--port $PORT --pid "$SERVER_PID" --clock-ticks "$(getconf CLK_TCK)" --warmup 2 --duration 5 \
		--workloads warmup,echo-c100 --out "$RESULTS" --time-limit 120 >>"$log" 2>&1
	stop_server
done

echo
echo "| registry | echo-c100 messages/s | per server CPU-second | p50 µs | p99 µs |"
echo "|---|---|---|---|---|"
python3 - "$RESULTS" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("workload") == "echo-c100":
        print(f"| {r['server'].removeprefix('starter-')} | {r['rate']:,.0f} | {r['perCpuSecond']:,.0f} | {r['p50Micros']:.0f} | {r['p99Micros']:.0f} |")
PY
