#!/usr/bin/env bash
# Checks the performance budgets of bench/budgets.md (issue #18) and prints measured against goal with PASS/FAIL;
# exits 1 when a figure fails. About 5 minutes; not part of mvn verify. Needs the distribution and the benchmarks:
#
#   mvn -B -ntp -DskipTests package
#   bench/check.sh                  # SKIP_RSS=1 leaves out the 100k-turn Telegram run (about 2 of the 5 minutes)
#
# Works on a temporary copy of the distribution with a temporary data directory; JAVA_HOME picks the Java 17 to
# measure (default: java on PATH). The figures are only meaningful on an otherwise idle machine: say how busy it was
# next to any table you keep.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=11
dist=
for candidate in distribution/target/rusty-pinch-*/; do
    if [ -x "$candidate/bin/rusty-pinch" ]; then dist=${candidate%/}; fi
done
if [ -z "$dist" ] || [ ! -f bench/target/classes/dev/rustypinch/bench/telegram/FirstPoll.class ] \
        || [ ! -f bench/target/classpath.txt ]; then
    echo "build the distribution and the benchmarks first: mvn -B -ntp -DskipTests package" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rusty-pinch-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$dist" "$work/home"
home=$work/home
rm -f "$home"/lib/rusty-pinch-*.jsa* "$home"/lib/rusty-pinch-*.aot*
mkdir -p "$work/cwd" "$work/user"
printf 'RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=check\n' > "$work/check.env"
java17_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
java_cmd=$java17_home/bin/java
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"

rows=()
failed=0

# record <figure> <measured text> <goal text> <PASS|FAIL|->
record() {
    rows+=("$1|$2|$3|$4")
    [ "$4" != FAIL ] || failed=1
    printf '  %-58s %-26s %-16s %s\n' "$1" "$2" "$3" "$4" >&2
}

# verdict <value> <limit>: PASS when value <= limit (numbers, may be decimal)
verdict() {
    awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 <= l + 0) ? "PASS" : "FAIL" }'
}

# Median wall time in ms of $runs cold runs of the launcher: median_ms <java home> <cds on|off> <args...>
median_ms() {
    local jh=$1 cds=$2 times=() i start end
    shift 2
    for ((i = 0; i < runs; i++)); do
        start=${EPOCHREALTIME/./}
        (cd "$work/cwd" && env -i PATH="/usr/bin:/bin" JAVA_HOME="$jh" HOME="$work/user" \
            RUSTY_PINCH_ENV_FILE="$work/check.env" RUSTY_PINCH_CDS="$cds" "$home/bin/rusty-pinch" "$@" >/dev/null 2>&1) \
            || { echo "rusty-pinch $* failed" >&2; exit 1; }
        end=${EPOCHREALTIME/./}
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }'
}

train() {
    env -i PATH="/usr/bin:/bin" JAVA_HOME="$1" HOME="$work/user" "$home/bin/rusty-pinch-cds" >/dev/null
}

# The speed of this machine's CPU right now: the median of 5 runs of a fixed awk loop (about 55 ms on the 2-core
# virtual machine of bench/README.md when it runs at full speed; the same loop took up to 100 ms there minutes later,
# with nothing else running). Printed at the start and the end, to tell slow phases of the host from the code.
cpu_speed() {
    local times=() i start end
    for ((i = 0; i < 5; i++)); do
        start=${EPOCHREALTIME/./}
        awk 'BEGIN { for (i = 0; i < 2000000; i++) s += i }'
        end=${EPOCHREALTIME/./}
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk 'NR == 3 { print }'
}

cpu_start=$(cpu_speed)
echo "bench/check.sh: $("$java_cmd" -version 2>&1 | head -n 1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); CPU check $cpu_start ms" >&2

echo "== start-up (median of $runs cold runs)" >&2
train "$java17_home"
median_ms "$java17_home" on run --message hi >/dev/null   # a telemetry file for doctor and stats
# Each run figure turns in a session of its own, so that each measures the same work (a reply reads the whole session:
# its history grows by one turn per run, from none to ten).
v=$(median_ms "$java17_home" on --version); record "--version (answered by the launcher)" "$v ms" "<= 80 ms" "$(verdict "$v" 80)"
v=$(median_ms "$java17_home" on run --session check-on --message hi); record "run, local provider (sharing on)" "$v ms" "<= 170 ms" "$(verdict "$v" 170)"
v=$(median_ms "$java17_home" off run --session check-off --message hi); record "run, local provider (sharing off)" "$v ms" "(no goal)" "-"
v=$(median_ms "$java17_home" on doctor); record "doctor (sharing on)" "$v ms" "<= 180 ms" "$(verdict "$v" 180)"
v=$(median_ms "$java17_home" off doctor); record "doctor (sharing off)" "$v ms" "(no goal)" "-"
v=$(median_ms "$java17_home" on stats); record "stats (sharing on)" "$v ms" "(no goal)" "-"
v=$(median_ms "$java17_home" off stats); record "stats (sharing off)" "$v ms" "(no goal)" "-"
v=$(median_ms "$java17_home" on tools list); record "tools list, no MCP (sharing on)" "$v ms" "(no goal)" "-"
java25_home=
for candidate in /usr/lib/jvm/*/; do
    release=${candidate}release
    [ -x "${candidate}bin/java" ] && [ -f "$release" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then java25_home=${candidate%/}; fi
done
if [ -n "$java25_home" ]; then
    train "$java25_home"
    v=$(median_ms "$java25_home" on run --session check-java25 --message hi)
    record "run on Java 25+ (AOT cache)" "$v ms" "<= 110 ms" "$(verdict "$v" 110)"
else
    record "run on Java 25+ (AOT cache)" "no JDK 25+ installed" "<= 110 ms" "-"
fi

echo "== first poll / first connect (median of $runs)" >&2
first() {
    "$java_cmd" -XX:+UseSerialGC -cp "$bench_cp" "$@" | tee -a "$work/first.log" | sed -n 's/^median_ms=//p'
}
v=$(RUSTY_PINCH_CDS=on first dev.rustypinch.bench.telegram.FirstPoll --home "$home" --work "$work/poll-on" --runs "$runs")
record "Telegram first getUpdates, HTTP (sharing on)" "$v ms" "<= 500 ms" "$(verdict "$v" 500)"
v=$(RUSTY_PINCH_CDS=off first dev.rustypinch.bench.telegram.FirstPoll --home "$home" --work "$work/poll-off" --runs "$runs")
record "Telegram first getUpdates, HTTP (sharing off)" "$v ms" "<= 800 ms" "$(verdict "$v" 800)"
v=$(RUSTY_PINCH_CDS=on first dev.rustypinch.bench.telegram.FirstPoll --home "$home" --work "$work/poll-tls" --runs "$runs" --tls)
record "Telegram first getUpdates, HTTPS + TLS set-up (sharing on)" "$v ms" "<= 600 ms" "$(verdict "$v" 600)"
v=$(RUSTY_PINCH_CDS=on first dev.rustypinch.bench.whatsapp.FirstConnect "$home" "$work/connect" "$runs")
record "WhatsApp first bridge connect (sharing on)" "$v ms" "<= 500 ms" "$(verdict "$v" 500)"

echo "== turns (JMH, worker mode, data on $(df -T "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $2 }'))" >&2
"$java_cmd" -cp "$bench_cp" org.openjdk.jmh.Main 'TurnBenchmark.toolPathConstant' -wi 2 -w 1 -i 3 -r 2 \
    > "$work/turn.out" 2>&1
p50=$(awk '$1 == "TurnBenchmark.toolPathConstant:p0.50" { print $(NF - 1) }' "$work/turn.out")
p99=$(awk '$1 == "TurnBenchmark.toolPathConstant:p0.99" { print $(NF - 1) }' "$work/turn.out")
record "tool-path turn p50 (worker mode)" "${p50:-?} us" "<= 300 us" "$(verdict "${p50:-1e9}" 300)"
record "tool-path turn p99 (worker mode)" "${p99:-?} us" "<= 2000 us" "$(verdict "${p99:-1e9}" 2000)"
"$java_cmd" -cp "$bench_cp" org.openjdk.jmh.Main 'TurnBenchmark.toolPathConstant' -bm thrpt -tu s -t 4 \
    -wi 2 -w 1 -i 3 -r 2 > "$work/throughput.out" 2>&1
tps=$(awk '/^TurnBenchmark.toolPathConstant/ && /thrpt/ { for (i = 1; i <= NF; i++) if ($i == "thrpt") { print int($(i + 2)); exit } }' "$work/throughput.out")
record "turns/s, 4 threads (worker mode)" "${tps:-?} /s" ">= 3000 /s" "$(awk -v v="${tps:-0}" 'BEGIN { print (v >= 3000) ? "PASS" : "FAIL" }')"

if [ "${SKIP_RSS:-0}" = 1 ]; then
    record "Telegram worker RSS after 100k turns" "skipped (SKIP_RSS=1)" "<= 96 MiB" "-"
else
    echo "== Telegram worker memory (100,000 turns, closed loop, sharing on)" >&2
    CDS=1 bench/telegram-load.sh 50 2000 > "$work/rss.out" 2>&1 || { cat "$work/rss.out" >&2; exit 1; }
    rss() { sed -n "s/^rss after $1 turns: \([0-9.]*\) MiB$/\1/p" "$work/rss.out"; }
    idle=$(sed -n 's/^rss idle 1 s later: \([0-9.]*\) MiB$/\1/p' "$work/rss.out")
    r20=$(rss 20000)
    r100=$(rss 100000)
    record "Telegram worker RSS at idle" "${idle:-?} MiB" "(no goal)" "-"
    record "Telegram worker RSS after 100k turns" "${r100:-?} MiB" "<= 96 MiB" "$(verdict "${r100:-1e9}" 96)"
    drift=$(awk -v a="${r20:-0}" -v b="${r100:-1e9}" 'BEGIN { printf "%.1f", b - a }')
    record "RSS drift 20k -> 100k turns" "$drift MiB (from ${r20:-?})" "<= 2 MiB" "$(verdict "$drift" 2)"
fi

echo
echo "| Figure | Measured | Goal | Result |"
echo "|---|---|---|---|"
for row in "${rows[@]}"; do
    IFS='|' read -r figure measured goal result <<<"$row"
    echo "| $figure | $measured | $goal | $result |"
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; CPU check $cpu_start ms at the start, $(cpu_speed) ms at the end (awk loop, see the top of bench/check.sh)"
exit "$failed"
