#!/usr/bin/env bash
# Measures the starter against raw Spring WebFlux, raw Netty and crossws + h3 on Node, prints the ratio table
# and writes docs/performance.md (a full run) or benchmarks/target/performance.md (--quick).
# raw-mvc (spring-websocket and SseEmitter on Tomcat) and starter-mvc (the starter on Spring MVC)
# run when --servers names them, and get their own columns and ratio.
#
#   benchmarks/run.sh            # full run: 3 repetitions, every workload with both drivers, a JFR profile (about 36 minutes)
#   benchmarks/run.sh --quick    # 1 short repetition, smaller workloads, the Java driver (under 4 minutes)
#   benchmarks/run.sh --servers raw,starter,crossws,raw-netty,raw-mvc,starter-mvc    # both stacks (about 45 minutes)
#
# Options: --reps N, --servers raw,starter,crossws,raw-netty[,raw-mvc,starter-mvc], --workloads LIST (see LoadDriver), --no-profile, --out FILE,
# --drivers java,node (the Java driver on Netty and benchmarks/node/driver.mjs on ws; both by default, java alone for --quick),
# --no-build (reuse the jar and the Node packages of the last run),
# --idle LIST (the idle-memory workloads, each on a fresh server with Native Memory Tracking; idle-10000 by default,
# none when --workloads is given): e.g. --workloads warmup,fanout-18000 --idle idle-18000 for the largest scale here.
# The server runs on CPU 0 and the load driver on CPU 1 (taskset); every connection is on loopback.
# Each driver measures its own fresh server, so the idle-memory workload always starts on one.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=full
REPS=3
DEFAULT_SERVERS=raw,starter,crossws,raw-netty
SERVERS=$DEFAULT_SERVERS
PROFILE=true
OUT=docs/performance.md
CHOSEN_WORKLOADS=
CHOSEN_IDLE=
DRIVERS=
BUILD=true
while [ $# -gt 0 ]; do
	case "$1" in
		--quick) MODE=quick; REPS=1; PROFILE=false; OUT=benchmarks/target/performance.md ;;
		--reps) REPS="$2"; shift ;;
		--servers) SERVERS="$2"; shift ;;
		--workloads) CHOSEN_WORKLOADS="$2"; shift ;;
		--idle) CHOSEN_IDLE="$2"; shift ;;
		--drivers) DRIVERS="$2"; shift ;;
		--no-profile) PROFILE=false ;;
		--no-build) BUILD=false ;;
		--out) OUT="$2"; shift ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
	shift
done

if [ "$MODE" = quick ]; then
	WARMUP=1; DURATION=2
	WORKLOADS="warmup,echo-c1,echo-c100,fanout-1000,fanout-10000,sse-1000,storm-1000"
	# half the full run's idle connections: opening and closing them is most of a server's turn
	IDLE=idle-5000
	COLD=cold-echo-c100
else
	WARMUP=1.5; DURATION=4
	WORKLOADS="warmup,echo-c1,echo-c100,fanout-1000,fanout-10000,sse-1000,sse-10000,storm-3000"
	IDLE=idle-10000
	COLD=cold-echo-c100
fi

DEFAULT_DRIVERS=java,node
[ "$MODE" = quick ] && DEFAULT_DRIVERS=java
DRIVERS=${DRIVERS:-$DEFAULT_DRIVERS}
IFS=, read -r -a DRIVER_LIST <<<"$DRIVERS"
for driver in "${DRIVER_LIST[@]}"; do
	case "$driver" in
		java|node) ;;
		*) echo "unknown driver: $driver (java, node)" >&2; exit 2 ;;
	esac
done

if [ -n "$CHOSEN_WORKLOADS" ]; then
	WORKLOADS="$CHOSEN_WORKLOADS"
	IDLE=
	COLD=
fi
[ -n "$CHOSEN_IDLE" ] && IDLE="$CHOSEN_IDLE"

for tool in java node npm taskset getconf; do
	command -v "$tool" >/dev/null || { echo "run.sh needs $tool on the PATH" >&2; exit 1; }
done
if [ "$(nproc --all)" -lt 2 ]; then
	echo "run.sh pins the server and the driver to CPUs 0 and 1: this machine has fewer" >&2
	exit 1
fi
# 10,000 connections on each side, plus what the JVM and Node keep open
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
	echo "run.sh needs at least 12000 open files per process (ulimit -n is $(ulimit -n))" >&2
	exit 1
fi

RESULTS_DIR=benchmarks/target/results
LOGS="$RESULTS_DIR/logs"
mkdir -p "$LOGS"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$RESULTS_DIR/results-$STAMP.jsonl"
JAR=benchmarks/target/benchmarks.jar
NODE_DIR=benchmarks/target/node
SERVER_JAVA_OPTS=(-Xmx1g -XX:+UseSerialGC)
DRIVER_JAVA_OPTS=(-Xmx1g -XX:+UseSerialGC)

if [ "$BUILD" = true ] || [ ! -f "$JAR" ]; then
	echo "[bench] building the benchmarks jar"
	./mvnw -B -q ${MAVEN_ARGS:-} package -pl benchmarks -am -DskipTests
fi
if [ "$BUILD" = true ] || [ ! -d "$NODE_DIR/node_modules" ]; then
	echo "[bench] installing crossws, h3 and ws from the npm registry"
	rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
	cp benchmarks/node/package.json benchmarks/node/package-lock.json benchmarks/node/*.mjs "$NODE_DIR"/
	(cd "$NODE_DIR" && npm ci --silent --no-audit --no-fund >/dev/null)
fi

SERVER_PID=
stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill "$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
		kill -9 "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=
}
trap stop_server EXIT

SERVER_PORT=
# a free port below the ephemeral range, so no outgoing connection can hold it
free_port() {
	local port
	for port in $(seq 17400 17499); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	echo "[bench] no free port in 17400-17499" >&2
	exit 1
}

# the web server that each JVM server command must run on (its log names it)
web_server() {
	case "$1" in
		raw|starter) echo Netty ;;
		raw-netty) echo "Raw Netty" ;;
		raw-mvc|starter-mvc) echo Tomcat ;;
	esac
}

# start_server NAME [extra JVM options...]: starts it on CPU 0 and waits until it listens
start_server() {
	local name="$1"; shift
	local port; port=$(free_port)
	SERVER_PORT=$port
	local log="$LOGS/$name-$STAMP.log"
	case "$name" in
		raw|starter|raw-mvc|starter-mvc|raw-netty) taskset -c 0 java "${SERVER_JAVA_OPTS[@]}" "$@" -jar "$JAR" "$name" --server.port="$port" >>"$log" 2>&1 & ;;
		crossws) taskset -c 0 node --expose-gc "$NODE_DIR/server.mjs" "$port" >>"$log" 2>&1 & ;;
		*) echo "[bench] unknown server: $name (raw, starter, crossws, raw-netty, raw-mvc, starter-mvc)" >&2; exit 2 ;;
	esac
	SERVER_PID=$!
	for _ in $(seq 1 300); do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "[bench] $name failed to start, see $log" >&2
			sed -n '/^Description:/,/^Action:/p' "$log" | grep -v '^Action:$' | sed '/^$/d' >&2
			exit 1
		fi
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			expect_web_server "$name" "$log" "$port"
			return 0
		fi
		sleep 0.2
	done
	echo "[bench] $name did not listen on $port within 60 s, see $log" >&2
	exit 1
}

# expect_web_server NAME LOG PORT: fails the run when a JVM server runs on another web server than its
# command names (the jar holds both stacks), so a WebFlux figure never comes from Tomcat
expect_web_server() {
	local expected; expected=$(web_server "$1")
	[ -n "$expected" ] || return 0
	for _ in $(seq 1 50); do
		grep -q "$expected started on port $3 " "$2" && return 0
		sleep 0.1
	done
	echo "[bench] $1 is not served by $expected, see $2" >&2
	exit 1
}

# drive NAME REPETITION WORKLOADS [RESULTS FILE] [DURATION]: runs the load driver that DRIVER names
DRIVER=java
drive() {
	local command
	case "$DRIVER" in
		java) command=(java "${DRIVER_JAVA_OPTS[@]}" -jar "$JAR" driver) ;;
		node) command=(node "$NODE_DIR/driver.mjs") ;;
	esac
	taskset -c 1 "${command[@]}" --server "$1" --repetition "$2" \
		--port "$SERVER_PORT" --pid "$SERVER_PID" --clock-ticks "$(getconf CLK_TCK)" \
		--warmup "$WARMUP" --duration "${5:-$DURATION}" --workloads "$3" --out "${4:-$RESULTS}" \
		--time-limit 600 >>"$LOGS/driver-$DRIVER-$STAMP.log" 2>&1 \
		|| { echo "[bench] the $DRIVER driver failed against $1, see $LOGS/driver-$DRIVER-$STAMP.log" >&2; exit 1; }
}

IFS=, read -r -a SERVER_LIST <<<"$SERVERS"
START=$(date +%s)
for rep in $(seq 1 "$REPS"); do
	# rotate the order each repetition, so no server always runs first
	for i in "${!SERVER_LIST[@]}"; do
		name=${SERVER_LIST[$(( (i + rep - 1) % ${#SERVER_LIST[@]} ))]}
		# the drivers rotate too, each against fresh servers
		for j in "${!DRIVER_LIST[@]}"; do
			DRIVER=${DRIVER_LIST[$(( (j + rep - 1) % ${#DRIVER_LIST[@]} ))]}
			echo "[bench] repetition $rep/$REPS: $name, $DRIVER driver ($(( $(date +%s) - START )) s elapsed)"
			start_server "$name"
			# on a fresh server: the cold start first, then the throughput workloads
			drive "$name" "$rep" "${COLD:+$COLD,}$WORKLOADS"
			stop_server
			IFS=, read -r -a IDLE_LIST <<<"$IDLE"
			for idle in "${IDLE_LIST[@]}"; do
				# idle memory on a fresh server of its own, a JVM with Native Memory Tracking
				# (which costs a little on every allocation, so the throughput runs go without it)
				start_server "$name" -XX:NativeMemoryTracking=summary
				drive "$name" "$rep" "$idle"
				stop_server
			done
		done
	done
done

PROFILES=()
if [ "$PROFILE" = true ] && [[ ",$SERVERS," == *",starter,"* ]]; then
	echo "[bench] profiling the starter with JFR"
	DRIVER=java
	start_server starter
	drive starter 0 warmup "$RESULTS_DIR/profile-$STAMP.jsonl"
	for workload in echo-c100 fanout-10000; do
		jfr="$RESULTS_DIR/$workload-$STAMP.jfr"
		jcmd "$SERVER_PID" JFR.start name="$workload" settings=profile filename="$jfr" >/dev/null
		drive starter 0 "$workload" "$RESULTS_DIR/profile-$STAMP.jsonl" 8
		jcmd "$SERVER_PID" JFR.stop name="$workload" >/dev/null
		java -jar "$JAR" profile "$jfr" "Starter profile: $workload" "$RESULTS_DIR/profile-$workload.md"
		PROFILES+=(--profiles "$RESULTS_DIR/profile-$workload.md")
	done
	stop_server
fi

MACHINE="$RESULTS_DIR/machine-$STAMP.txt"
{
	echo "date:         $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "cpu:          $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc --all) CPUs (server on CPU 0, driver on CPU 1)"
	echo "memory:       $(free -g | awk '/^Mem:/ {print $2}') GiB"
	echo "kernel:       $(uname -sr)"
	echo "java:         $(java -version 2>&1 | head -1), server options: ${SERVER_JAVA_OPTS[*]}"
	echo "node:         $(node --version), crossws $(node -p "require('./$NODE_DIR/node_modules/crossws/package.json').version"), h3 $(node -p "require('./$NODE_DIR/node_modules/h3/package.json').version"), ws $(node -p "require('./$NODE_DIR/node_modules/ws/package.json').version")"
	echo "libraries:    $(unzip -l "$JAR" | grep -oE '(spring-boot|spring-webflux|reactor-netty-core|netty-transport|spring-webmvc|spring-websocket|tomcat-embed-core)-[0-9][^/]*\.jar' | sort -u | sed 's/\.jar$//' | paste -sd' ' -)"
	echo "drivers:      $DRIVERS (java: Netty, one event loop; node: ws and http, one event loop)"
	echo "repetitions:  $REPS, each workload ${DURATION} s measured after ${WARMUP} s of warm-up"
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run (other work on the machine shows here)"
} >"$MACHINE"

COMMAND="benchmarks/run.sh"
[ "$MODE" = quick ] && COMMAND="benchmarks/run.sh --quick"
[ "$SERVERS" != "$DEFAULT_SERVERS" ] && COMMAND="$COMMAND --servers $SERVERS"
[ "$DRIVERS" != "$DEFAULT_DRIVERS" ] && COMMAND="$COMMAND --drivers $DRIVERS"
mkdir -p "$(dirname "$OUT")"
java -jar "$JAR" report --results "$RESULTS" --out "$OUT" --machine "$MACHINE" --command "$COMMAND" \
	--notes benchmarks/NOTES.md "${PROFILES[@]}"
echo "[bench] done in $(( $(date +%s) - START )) s; results in $RESULTS"
