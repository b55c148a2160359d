# Sourced by allocation.sh and coldstart.sh: one JVM server alone on CPU 0 and the Java load driver
# alone on CPU 1, as run.sh pins them. Expects JAR to name the benchmarks jar.

# start_pinned NAME PORT LOG [JVM options...]: starts the server, sets SERVER_PID, waits until it listens
start_pinned() {
	local name="$1" port="$2" log="$3"
	shift 3
	taskset -c 0 java -Xmx1g -XX:+UseSerialGC "$@" -jar "$JAR" "$name" --server.port="$port" >"$log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 300); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.2
	done
	echo "$name did not listen on $port, see $log" >&2
	exit 1
}

# drive_pinned NAME PORT ERRORS [driver options...]: runs the Java driver against the started server
drive_pinned() {
	local name="$1" port="$2" errors="$3"
	shift 3
	taskset -c 1 java -Xmx1g -XX:+UseSerialGC -jar "$JAR" driver --server "$name" --port "$port" \
		--pid "$SERVER_PID" --clock-ticks "$(getconf CLK_TCK)" "$@" 2>"$errors" >/dev/null
}

stop_pinned() {
	kill "$SERVER_PID"
	wait "$SERVER_PID" || true
}
