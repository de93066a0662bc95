#!/usr/bin/env bash
# Agent-mode round benchmark (JMH, sample time): the runtime's own overhead per tool round against a zero-delay
# loopback model and a no-op tool. Goal: p50 <= 1 ms, p99 <= 5 ms. See the javadoc of
# dev.rustypinch.bench.provider.AgentRoundBenchmark for the five benchmarks.
#
#   mvn -B -ntp -pl bench,plugins/pinch-provider-openai -am package -DskipTests
#   bench/agent-round.sh [extra JMH options]      # e.g. -wi 2 -i 3 -r 1s
#
# RUSTY_BENCH_DATA_DIR picks the directory for sessions and telemetry (default: a temporary directory; /dev/shm keeps
# the disk's telemetry rename out of the figures). RUSTY_BENCH_FILTER narrows the benchmarks (a JMH regex).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f target/classpath.txt ] || [ ! -d target/classes/META-INF ]; then
    echo "build the bench module first (see the header of $0)" >&2
    exit 1
fi
if [ ! -d ../plugins/pinch-provider-openai/target/plugin-dir/pinch-provider-openai ]; then
    echo "build the provider plugin first (see the header of $0)" >&2
    exit 1
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jvm_args="-Drusty.bench.pluginsDir=$(cd ../plugins/pinch-provider-openai/target/plugin-dir && pwd)"
if [ -n "${RUSTY_BENCH_DATA_DIR:-}" ]; then
    jvm_args="$jvm_args -Drusty.bench.dataDir=$RUSTY_BENCH_DATA_DIR"
fi
exec "$java" -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main \
    -jvmArgsAppend "$jvm_args" "$@" "dev\.rustypinch\.bench\.provider\.AgentRoundBenchmark\.${RUSTY_BENCH_FILTER:-}"
