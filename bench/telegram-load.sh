#!/usr/bin/env bash
# Telegram worker load run: the unpacked distribution's launcher (`channels telegram`, local provider) against
# a fake Bot API on 127.0.0.1; N chats each send M messages, the next one when the previous reply arrived.
# Prints turns/s, delivery-to-reply latency p50/p90/p99, launch to first poll, the worker's RSS at start,
# every 1,000 turns and at the end, and its CPU time per turn.
#
#   mvn -B -ntp -pl distribution,bench -am package -DskipTests   # the distribution and the driver
#   bench/telegram-load.sh [chats] [messages-per-chat] [rate]    # default 50 x 200 = 10,000 turns, closed loop
#
# Closed loop (no rate) measures throughput: N conversations always in flight, so latency there is
# mostly queueing (Little's law: N / throughput). With a rate (messages/s, below capacity) messages
# arrive open loop and the latency percentiles show the service time of a turn.
#
# Works on a temporary copy of the distribution (so conf/jvm.options can be tried out there) and a
# temporary data directory. Every RUSTY_PINCH_* variable set here reaches the worker, e.g.
#   RUSTY_PINCH_JAVA_OPTS='-Xmx64m' bench/telegram-load.sh
#   RUSTY_PINCH_DATA_DIR=/dev/shm/rp-load bench/telegram-load.sh     # no disk cost
# CDS=1 first creates the class-data-sharing archive in the copy (bin/rusty-pinch-cds), as the launcher does on
# first use; without it, sharing is off (RUSTY_PINCH_CDS=off).
# KEEP=1 keeps the work directory (worker.stderr holds every turn event). JAVA_HOME picks the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

chats=${1:-50}
messages=${2:-200}
rate=${3:-0}
dist=
for candidate in distribution/target/rusty-pinch-*/; do
    if [ -x "$candidate/bin/rusty-pinch" ]; then dist=$candidate; fi
done
if [ -z "$dist" ] || [ ! -f bench/target/classes/dev/rustypinch/bench/telegram/TelegramLoad.class ]; then
    echo "build the distribution and the driver first (see the header of $0)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rusty-pinch-telegram-load.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "work directory: $work"
else
    trap 'rm -rf "$work"' EXIT
fi
cp -a "$dist" "$work/home"
rm -f "$work"/home/lib/rusty-pinch-*.jsa* "$work"/home/lib/rusty-pinch-*.aot*
if [ "${CDS:-0}" = 1 ]; then
    "$work/home/bin/rusty-pinch-cds" >/dev/null
    export RUSTY_PINCH_CDS=on
else
    export RUSTY_PINCH_CDS=off
fi

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
echo "rusty-pinch telegram load ($("$java_cmd" -version 2>&1 | head -n 1); $(nproc) cores)"
"$java_cmd" -XX:+UseSerialGC -Dsun.net.httpserver.nodelay=true -cp bench/target/classes dev.rustypinch.bench.telegram.TelegramLoad \
    --home "$work/home" --work "$work/run" --chats "$chats" --messages "$messages" --rate "$rate"
