#!/usr/bin/env bash
# Provider overhead benchmark (JMH, sample time): what TurnPipeline + the real pinch-provider-openai plugin
# add over a raw OkHttp POST of the same body to a zero-delay fake on 127.0.0.1. Goal: p50 overhead <= 1 ms.
# See the javadoc of dev.rustypinch.bench.provider.ProviderOverheadBenchmark for the four benchmarks.
#
#   mvn -B -ntp -pl bench,plugins/pinch-provider-openai -am package -DskipTests
#   bench/provider-overhead.sh [extra JMH options]      # e.g. -wi 2 -i 3 -r 1s
#
# RUSTY_BENCH_DATA_DIR picks the directory for sessions and telemetry (default: a temporary directory);
# the file-system cost of that disk (the telemetry rename) is part of a whole turn (/dev/shm shows the cost without it).
# RUSTY_BENCH_FILTER narrows the benchmarks (a JMH regex, e.g. 'Turn$'). JAVA_HOME picks the JDK.
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
# JMH forks the measured JVM: the settings travel as its JVM arguments (paths without spaces).
jvm_args="-Drusty.bench.pluginsDir=$(cd ../plugins/pinch-provider-openai/target/plugin-dir && pwd)"
if [ -n "${RUSTY_BENCH_DATA_DIR:-}" ]; then
    jvm_args="$jvm_args -Drusty.bench.dataDir=$RUSTY_BENCH_DATA_DIR"
fi
exec "$java" -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main \
    -jvmArgsAppend "$jvm_args" "$@" "dev\.rustypinch\.bench\.provider\.ProviderOverheadBenchmark\.${RUSTY_BENCH_FILTER:-}"
