#!/usr/bin/env bash
# What the JIT costs a fresh server: each server runs alone on CPU 0 with -XX:+PrintCompilation, the
# load driver on CPU 1 runs cold-echo-c100 (2 s from the first message, no warm-up), and the CPU time
# of the server's threads over the driver's run is read from /proc/<pid>/task/*/stat by group (event
# loops and other threads, C2 and C1 compiler threads, GC) with the C2 (tier 4) compilations made in it.
#
#   benchmarks/coldstart.sh                       # raw,starter, 3 repetitions; writes benchmarks/target/coldstart.md
#   benchmarks/coldstart.sh raw,starter,raw-netty 5
set -euo pipefail
cd "$(dirname "$0")/.."

SERVERS=${1:-raw,starter}
REPS=${2:-3}
JAR=benchmarks/target/benchmarks.jar
DIR=benchmarks/target/coldstart
OUT=benchmarks/target/coldstart.md
PORT=17490
TICK_MS=$((1000 / $(getconf CLK_TCK)))
mkdir -p "$DIR"
source benchmarks/pinned-server.sh
[ -f "$JAR" ] || ./mvnw -B -q package -pl benchmarks -am -DskipTests

# cpu_by_group PID: "threads c2 c1 gc" CPU ticks of the process's threads by group
cpu_by_group() {
	for task in /proc/"$1"/task/*; do
		echo "$(cat "$task/comm" 2>/dev/null)|$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null)"
	done | awk -F'|' '
		$1 ~ /^C2 / { c2 += $2; next }
		$1 ~ /^C1 / { c1 += $2; next }
		$1 ~ /GC|VM Thread/ { gc += $2; next }
		{ other += $2 }
		END { printf "%d %d %d %d\n", other, c2, c1, gc }'
}

{
	echo "| server | rep | messages/CPU-s | threads ms | C2 ms | C1 ms | GC ms | C2 compilations | C2 bytecode bytes |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$OUT"
IFS=, read -r -a LIST <<<"$SERVERS"
for rep in $(seq 1 "$REPS"); do
	for name in "${LIST[@]}"; do
		echo "[coldstart] repetition $rep/$REPS: $name"
		log="$DIR/$name-$rep.log"
		start_pinned "$name" "$PORT" "$log" -XX:+PrintCompilation
		# the compilations of start-up settle before the window opens, as run.sh's server waits too
		sleep 1
		read -r other0 c20 c10 gc0 < <(cpu_by_group "$SERVER_PID")
		lines0=$(wc -l <"$log")
		drive_pinned "$name" "$PORT" "$DIR/$name-$rep-driver.err" --warmup 0 --duration 2 \
			--workloads cold-echo-c100 --out "$DIR/$name-$rep.jsonl" --time-limit 60
		read -r other1 c21 c11 gc1 < <(cpu_by_group "$SERVER_PID")
		lines1=$(wc -l <"$log")
		stop_pinned
		# tier 4 compilations printed during the driver's run (not the "made not entrant" lines)
		sed -n "$((lines0 + 1)),${lines1}p" "$log" | grep -v 'made not entrant' \
			| awk '$0 ~ /::/ && $0 ~ /bytes\)/ { for (i = 1; i <= NF; i++) if ($i ~ /::/) { if ($(i - 1) == "4") print $i, $(i + 1) } }' \
			| tr -d '(' >"$DIR/$name-$rep.c2"
		rate=$(tail -1 "$DIR/$name-$rep.jsonl" | sed 's/.*"perCpuSecond":\([0-9.]*\).*/\1/')
		awk -v n="$name" -v r="$rep" -v rate="$rate" -v t="$TICK_MS" \
			-v o=$((other1 - other0)) -v c2=$((c21 - c20)) -v c1=$((c11 - c10)) -v gc=$((gc1 - gc0)) '
			{ count++; bytes += $2 }
			END { printf "| %s | %d | %.0f | %d | %d | %d | %d | %d | %d |\n", n, r, rate, o * t, c2 * t, c1 * t, gc * t, count, bytes }' \
			"$DIR/$name-$rep.c2" >>"$OUT"
	done
done
cat "$OUT"
echo "C2 compilations of each run: $DIR/<server>-<rep>.c2 (method, bytecode bytes)"
