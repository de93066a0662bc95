#!/usr/bin/env bash
# Start-up benchmark of the unpacked distribution: median wall time (and, when GNU time is
# installed, median CPU time user+sys, which is steadier on a busy machine, and median peak RSS) over N runs of `plugins list`, `doctor` and `run --message hi` (local provider),
# first with class-data sharing off (RUSTY_PINCH_CDS=off) and then with the archive the launcher would train
# on first use, made in the foreground by bin/rusty-pinch-cds (AppCDS on Java 17-24, the AOT cache on 25+).
#
#   mvn -B -ntp -pl distribution -am package -DskipTests   # builds distribution/target/rusty-pinch-<version>/
#   bench/startup.sh [runs]                                  # default 10 runs per command
#
# Works on a temporary copy, so the build output is never changed. JAVA_HOME picks the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10}
dist=
for candidate in distribution/target/rusty-pinch-*/; do
    if [ -x "$candidate/bin/rusty-pinch" ]; then dist=$candidate; fi
done
if [ -z "$dist" ]; then
    echo "build the distribution first (see the header of $0)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rusty-pinch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$dist" "$work/home"
home=$work/home
mkdir -p "$work/cwd"
printf 'RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=bench-model\n' > "$work/bench.env"
gnu_time=$(command -v /usr/bin/time || true)

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Runs "$@" $runs times in a clean environment; prints "<median wall ms> <median cpu ms> <median peak RSS kB>"
# (n/a without GNU time).
measure() {
    local times=() cpu=() rss=() i start end stats
    for ((i = 0; i < runs; i++)); do
        start=${EPOCHREALTIME/./}
        if [ -n "$gnu_time" ]; then
            (cd "$work/cwd" && env -i PATH="$PATH" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} RUSTY_PINCH_ENV_FILE="$work/bench.env" RUSTY_PINCH_CDS="$cds" \
                "$gnu_time" -f '%U %S %M' -o "$work/stats" "$home/bin/rusty-pinch" "$@" >/dev/null 2>"$work/stderr") \
                || { cat "$work/stderr" >&2; exit 1; }
            stats=$(tail -n 1 "$work/stats")
            cpu+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' <<<"$stats")")
            rss+=("${stats##* }")
        else
            (cd "$work/cwd" && env -i PATH="$PATH" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} RUSTY_PINCH_ENV_FILE="$work/bench.env" RUSTY_PINCH_CDS="$cds" \
                "$home/bin/rusty-pinch" "$@" >/dev/null 2>"$work/stderr") || { cat "$work/stderr" >&2; exit 1; }
        fi
        end=${EPOCHREALTIME/./}
        times+=($(((end - start) / 1000)))
    done
    local t c=n/a r=n/a
    t=$(printf '%s\n' "${times[@]}" | median)
    if [ "${#rss[@]}" -gt 0 ]; then
        c=$(printf '%s\n' "${cpu[@]}" | median)
        r=$(printf '%s\n' "${rss[@]}" | median)
    fi
    printf '%s %s %s\n' "$t" "$c" "$r"
}

report() {
    local label=$1 wall cpu rss
    shift
    read -r wall cpu rss < <(measure "$@")
    printf '%-8s %-18s %8s ms %8s ms %10s kB\n' "$label" "$*" "$wall" "$cpu" "$rss"
}

java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
echo "rusty-pinch start-up, median of $runs runs ($("$java_cmd" -version 2>&1 | head -n 1); $(nproc) cores)"
printf '%-8s %-18s %11s %11s %13s\n' "archive" "command" "wall" "cpu" "peak RSS"
rm -f "$home"/lib/rusty-pinch-*.jsa* "$home"/lib/rusty-pinch-*.aot*
for archive in none appcds; do
    cds=off
    if [ "$archive" = appcds ]; then
        "$home/bin/rusty-pinch-cds" >/dev/null
        cds=on
    fi
    report "$archive" plugins list
    report "$archive" doctor
    report "$archive" run --message hi
done
