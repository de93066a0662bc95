#!/usr/bin/env bash
# WhatsApp worker load benchmark: bin/rusty-pinch channels whatsapp (local provider) as a child process against a
# loopback PicoClaw bridge run by the Java driver dev.rustypinch.bench.whatsapp.WhatsAppLoad. Prints messages/s and
# reply latency p50/p99 (with a window of unanswered messages, one at a time, and at a steady rate), the time to
# reconnect and to answer again after each bridge drop next to the SPEC §13.2 back-off, and the worker's peak RSS,
# CPU time and SIGTERM stop time.
#
#   mvn -B -ntp -pl distribution,bench -am package -DskipTests   # the unpacked distribution and the driver
#   bench/whatsapp-load.sh [--messages N] [--warmup N] [--sequential N] [--rate N] [--chats N] [--window N] \
#                          [--reconnect-ms N] [--drops N] [--drop-spacing-ms N] [--work-dir DIR] [--java-opts OPTS]
#
# Defaults: 3000 warm-up + 5000 measured messages over 20 chats with at most 32 unanswered (the bus holds 100, so
# nothing is dropped), 1000 sequential, 10 s at 250 messages/s (--rate; at most 90 unanswered), RECONNECT_MS 1000,
# 3 drops back to back (attempts 1, 2, 3: the attempt count only resets after a connection stayed up 30 s;
# --drop-spacing-ms 31000 measures attempt 1 each time).
# The worker's data directory is a temporary directory under --work-dir (default: the JVM's temp dir, /tmp): every
# turn renames the telemetry file over the old one, so that file system's latency is part of each turn (compare
# with --work-dir /dev/shm). --java-opts is added to the worker's RUSTY_PINCH_JAVA_OPTS (after the log4j configuration the driver uses to read the drawn reconnect delay from its DEBUG log).
# The driver and the worker share the machine's cores. JAVA_HOME picks the JDK for both.
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
exec "$java_cmd" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    dev.rustypinch.bench.whatsapp.WhatsAppLoad "$dist" "$@"
