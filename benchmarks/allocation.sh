#!/usr/bin/env bash
# Bytes allocated per message on the echo path, the starter against raw WebFlux (and any other
# JVM server named): each server runs alone on CPU 0 under JFR's profile settings, the load driver on
# CPU 1 warms it up and runs echo-c100, and the allocation samples of the measurement window are
# summed (JFR weighs each sample by the bytes it stands for) and divided by the messages echoed.
#
#   benchmarks/allocation.sh                      # raw,starter; writes benchmarks/target/allocation.md
#   benchmarks/allocation.sh raw,starter,raw-mvc,starter-mvc
set -euo pipefail
cd "$(dirname "$0")/.."

SERVERS=${1:-raw,starter}
JAR=benchmarks/target/benchmarks.jar
DIR=benchmarks/target/allocation
OUT=benchmarks/target/allocation.md
PORT=17480
mkdir -p "$DIR"
source benchmarks/pinned-server.sh
[ -f "$JAR" ] || ./mvnw -B -q package -pl benchmarks -am -DskipTests

: >"$OUT"
IFS=, read -r -a LIST <<<"$SERVERS"
for name in "${LIST[@]}"; do
	echo "[allocation] $name"
	start_pinned "$name" "$PORT" "$DIR/$name.log" \
		-XX:StartFlightRecording=settings=profile,filename="$DIR/$name.jfr",dumponexit=true
	drive_pinned "$name" "$PORT" "$DIR/$name-driver.err" --warmup 3 --duration 5 --workloads warmup,echo-c100 \
		--out "$DIR/$name.jsonl" --time-limit 180
	stop_pinned
	# the last window the driver printed is echo-c100's; its rate is messages per wall second
	read -r _ from to < <(grep '^window ' "$DIR/$name-driver.err" | tail -1)
	rate=$(tail -1 "$DIR/$name.jsonl" | sed 's/.*"rate":\([0-9.]*\).*/\1/')
	messages=$(awk -v r="$rate" -v f="$from" -v t="$to" 'BEGIN { printf "%.0f", r * (t - f) / 1000 }')
	java -jar "$JAR" allocation "$DIR/$name.jfr" "$from" "$to" "$messages" "$name: echo-c100" "$DIR/$name.md"
	cat "$DIR/$name.md" >>"$OUT"
	echo >>"$OUT"
done
cat "$OUT"
