#!/usr/bin/env bash
# Web worker load benchmark: bin/rusty-pinch channels web (local provider) as a child process, driven over loopback
# by keep-alive HTTP/1.1 clients in the Java driver dev.rustypinch.bench.web.WebLoad. Prints turns/s and latency
# p50/p99 of a closed loop across the sessions, p50/p90/p99 of an open loop at a fixed rate (measured from the
# scheduled send time), the worker's RSS after every 10,000 soak turns, and the SIGTERM stop time.
#
#   mvn -B -ntp -pl distribution,bench -am package -DskipTests   # the unpacked distribution and the driver
#   bench/web-load.sh [--sessions N] [--warmup N] [--turns N] [--rate N] [--rate-seconds N] [--soak N] \
#                     [--work-dir DIR] [--java-opts OPTS]
#
# Defaults: 100 sessions, 5000 warm-up and 20000 measured closed-loop turns, 10 s at 500 turns/s, soak up to
# 100000 turns in total. The data directory is a temporary directory under --work-dir (default /tmp).
# MALLOC_ARENA_MAX, when set, is passed on to the worker. The driver and the worker share the machine's cores.
# JAVA_HOME picks the JDK for both.
set -euo pipefail
cd "$(dirname "$0")/.."

dist=
for candidate in distribution/target/rusty-pinch-*/; do
    if [ -x "$candidate/bin/rusty-pinch" ]; then dist=${candidate%/}; fi
done
if [ -z "$dist" ] || [ ! -f bench/target/classpath.txt ] || [ ! -d bench/target/classes ]; then
    echo "build the distribution and the driver first (see the header of $0)" >&2
    exit 1
fi

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java_cmd" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.rustypinch.bench.web.WebLoad "$dist" "$@"
