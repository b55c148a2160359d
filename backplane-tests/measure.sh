#!/usr/bin/env bash
# Measures the latency and throughput a backplane adds (docs/scale-out.md), on this machine's
# Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432, database test, user postgres).
# Usage: backplane-tests/measure.sh [redis|postgres] [paced-messages] [burst-messages]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q -pl backplane-tests -am -DskipTests package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "backplane-tests/target/classes:$(cat backplane-tests/target/classpath.txt)" \
	io.github.h3spring.scaleout.BackplaneLatency "$@"
