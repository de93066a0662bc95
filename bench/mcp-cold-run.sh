#!/usr/bin/env bash
# Cold `run --message hi` (local provider, no MCP configuration) of the unpacked distribution with the
# pinch-tools-mcp plugin installed, against the same distribution without it (as before the plugin existed):
# median wall and CPU time (user+sys, steadier on a busy machine) over N alternating runs of each.
#
#   mvn -B -ntp -pl distribution -am package -DskipTests
#   bench/mcp-cold-run.sh [runs]          # default 20 runs of each
#
# Works on temporary copies, so the build output is never changed. JAVA_HOME picks the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20}
dist=
for candidate in distribution/target/rusty-pinch-*/; do
    if [ -x "$candidate/bin/rusty-pinch" ]; then dist=$candidate; fi
done
if [ -z "$dist" ] || [ ! -d "$dist/plugins/pinch-tools-mcp" ]; then
    echo "build the distribution first (see the header of $0)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rusty-pinch-mcp-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$dist" "$work/with"
cp -a "$dist" "$work/without"
rm -rf "$work/without/plugins/pinch-tools-mcp"
mkdir -p "$work/cwd"
printf 'RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=bench-model\nRUSTY_PINCH_DATA_DIR=%s/data\n' "$work" > "$work/bench.env"
gnu_time=$(command -v /usr/bin/time || true)

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# One run of home $1; appends "<wall ms> <cpu ms or n/a>" to $work/$1.times.
once() {
    local start end cpu=n/a
    start=${EPOCHREALTIME/./}
    if [ -n "$gnu_time" ]; then
        (cd "$work/cwd" && env -i PATH="$PATH" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} RUSTY_PINCH_ENV_FILE="$work/bench.env" \
            "$gnu_time" -f '%U %S' -o "$work/stats" "$work/$1/bin/rusty-pinch" run --message hi >/dev/null 2>"$work/stderr") \
            || { cat "$work/stderr" >&2; exit 1; }
        cpu=$(tail -n 1 "$work/stats" | awk '{ printf "%d", ($1 + $2) * 1000 }')
    else
        (cd "$work/cwd" && env -i PATH="$PATH" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} RUSTY_PINCH_ENV_FILE="$work/bench.env" \
            "$work/$1/bin/rusty-pinch" run --message hi >/dev/null 2>"$work/stderr") || { cat "$work/stderr" >&2; exit 1; }
    fi
    end=${EPOCHREALTIME/./}
    echo "$(( (end - start) / 1000 )) $cpu" >> "$work/$1.times"
}

once with; once without   # warm the page cache; not counted
: > "$work/with.times"; : > "$work/without.times"
for ((i = 0; i < runs; i++)); do
    once with
    once without
done

for home in without with; do
    wall=$(awk '{ print $1 }' "$work/$home.times" | median)
    cpu=$( [ -n "$gnu_time" ] && awk '{ print $2 }' "$work/$home.times" | median || echo n/a)
    printf '%-8s run --message hi: median wall %s ms, median cpu %s ms (%s runs)\n' "$home" "$wall" "$cpu" "$runs"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
