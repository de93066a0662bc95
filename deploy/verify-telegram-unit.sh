#!/bin/sh
# End-to-end check of the systemd Telegram worker, without systemd and without root.
#
# Usage: sh verify-telegram-unit.sh [DIST_DIR]
#
# DIST_DIR is an unpacked rusty-pinch-<version>/ directory. Without it the script uses the
# distribution it is shipped in (<DIST_DIR>/deploy/verify-telegram-unit.sh), or, in the source
# tree, the single distribution/target/rusty-pinch-*/ built by `mvn package`.
#
# What it does, as deploy/systemd/rusty-pinch-telegram.service would:
#   - builds a temporary root: <root>/opt/rusty-pinch (a copy of DIST_DIR), <root>/var/lib/rusty-pinch,
#     and the EnvironmentFile <root>/etc/rusty-pinch/rusty-pinch.env (mode 0640) made from
#     deploy/systemd/rusty-pinch.env.example with the data paths under <root>, the local provider,
#     a test token and RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE pointed at a fake Bot API on 127.0.0.1
#     (deploy/verify/FakeBotApi.java, run as a single-file Java program: needs a JDK's java);
#   - reads WorkingDirectory, EnvironmentFile, ExecStart, KillSignal, TimeoutStopSec and
#     SuccessExitStatus from the unit file, re-rooting absolute paths under <root>;
#   - starts ExecStart's words in WorkingDirectory with only the variables systemd would pass:
#     PATH (systemd's default), HOME, then the EnvironmentFile's assignments, parsed with
#     systemd's rules (KEY=VALUE lines, '#'/';' comments, surrounding blanks dropped, quotes and
#     backslashes; multi-line values are refused);
#   - waits until the worker has answered one message ("ping") and sits in an idle long poll, sends
#     KillSignal and checks: channel_signal terminate, channel_stop reason signal, the exit code
#     (0, or a SuccessExitStatus code, reported as such), the reply, the committed and acknowledged
#     offset, state written only under ReadWritePaths, and the token never printed.
# It runs as the calling user (not User=rusty-pinch) and without the sandbox settings.
#
# Environment: JAVA_HOME (the Java for both programs; also written to the env file),
# VERIFY_TIMEOUT_SECS (waits for start-up and the first answer, default 120),
# VERIFY_KEEP=1 (keep the temporary root and print its path).
# Exit: 0 when every check passes, 1 otherwise.

IFS=' 	
'
unset CDPATH
umask 077

me=verify-telegram-unit
token_secret=verify-secret-token
token=123456:$token_secret
model=verify-model
systemd_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
blanks=$(printf ' \t\r')

say() {
    printf '%s\n' "$*"
}

die() {
    printf '%s\n' "$me: $*" >&2
    exit 1
}

failures=0
check() {
    # check DESCRIPTION COMMAND...: runs COMMAND and prints "ok - ..." or "FAIL - ...".
    description=$1
    shift
    if "$@"; then
        say "ok - $description"
    else
        say "FAIL - $description"
        failures=$((failures + 1))
    fi
}

pause() {
    sleep 0.2 2>/dev/null || sleep 1
}

now_ms() {
    ms=$(date +%s%3N 2>/dev/null)
    case $ms in
        *[!0-9]* | '') ms=$(($(date +%s) * 1000)) ;;
    esac
    printf '%s\n' "$ms"
}

# Sets $trimmed to $1 without leading and trailing blanks (space, tab, carriage return).
trim() {
    trimmed=$1
    trimmed=${trimmed#"${trimmed%%[!"$blanks"]*}"}
    trimmed=${trimmed%"${trimmed##*[!"$blanks"]}"}
}

# Prints the values of KEY= in [SECTION] of the unit file, one per line: unit_values FILE SECTION KEY
unit_values() {
    section=
    while IFS= read -r line || [ -n "$line" ]; do
        trim "$line"
        case $trimmed in
            '' | '#'* | ';'*) continue ;;
            '['*']') section=${trimmed#\[}; section=${section%\]}; continue ;;
            *=*) ;;
            *) continue ;;
        esac
        [ "$section" = "$2" ] || continue
        trim "${trimmed%%=*}"
        [ "$trimmed" = "$3" ] || continue
        line=${line#*=}
        trim "$line"
        printf '%s\n' "$trimmed"
    done < "$1"
}

# Prints the single value of KEY in [Service] of the unit file.
service_value() {
    values=$(unit_values "$unit_file" Service "$1")
    case $values in
        '') die "$unit_file has no $1=" ;;
        *'
'*) die "$unit_file has more than one $1=; this check handles one" ;;
    esac
    printf '%s\n' "$values"
}

# Prints the absolute path $1 under the temporary root.
reroot() {
    case $1 in
        /*) printf '%s\n' "$root$1" ;;
        *) die "expected an absolute path in the unit, got '$1'" ;;
    esac
}

# Sets $decoded to an EnvironmentFile value (already trimmed) with systemd's quoting rules.
decode_value() {
    value=$1
    case $value in
        \'*\')
            decoded=${value#\'}; decoded=${decoded%\'}
            case $decoded in *\'*) die "$env_file line $lineno: unsupported quoting" ;; esac
            return ;;
        \"*\")
            value=${value#\"}; value=${value%\"}
            quoted=true ;;
        \'* | \"*) die "$env_file line $lineno: multi-line quoted values are not supported by this check" ;;
        *\\) die "$env_file line $lineno: continued lines are not supported by this check" ;;
        *) quoted=false ;;
    esac
    decoded=
    while [ -n "$value" ]; do
        rest=${value#?}
        char=${value%"$rest"}
        value=$rest
        if [ "$char" = \\ ]; then
            rest=${value#?}
            next=${value%"$rest"}
            value=$rest
            if [ "$quoted" = true ]; then
                case $next in
                    '"' | \\ | '`' | '$') ;;
                    *) next=\\$next ;;
                esac
            fi
            decoded=$decoded$next
        else
            decoded=$decoded$char
        fi
    done
}

# --- The distribution, the unit and Java --------------------------------------------------------

case $0 in
    */*) script_dir=${0%/*} ;;
    *) script_dir=. ;;
esac
script_dir=$(cd -P -- "$script_dir" && pwd -P) || die "cannot find the script's directory"

dist=${1:-}
if [ -z "$dist" ]; then
    if [ -x "$script_dir/../bin/rusty-pinch" ]; then
        dist=$script_dir/..
    else
        for candidate in "$script_dir"/../distribution/target/rusty-pinch-*/; do
            [ -x "${candidate}bin/rusty-pinch" ] || continue
            [ -z "$dist" ] || die "more than one distribution under distribution/target; name one: sh $0 DIST_DIR"
            dist=$candidate
        done
    fi
    [ -n "$dist" ] || die "no distribution found; build one (mvn -B -ntp -DskipTests package) or name it: sh $0 DIST_DIR"
fi
given=$dist
dist=$(cd -P -- "$given" 2>/dev/null && pwd -P) || die "no such directory: $given"
[ -x "$dist/bin/rusty-pinch" ] || die "$dist is not an unpacked distribution (no bin/rusty-pinch)"
unit_template=$dist/deploy/systemd/rusty-pinch-telegram.service
env_template=$dist/deploy/systemd/rusty-pinch.env.example
fake_source=$script_dir/verify/FakeBotApi.java
[ -f "$fake_source" ] || fake_source=$dist/deploy/verify/FakeBotApi.java
for file in "$unit_template" "$env_template" "$fake_source"; do
    [ -f "$file" ] || die "missing $file"
done

if [ -n "${JAVA_HOME:-}" ]; then
    java=$JAVA_HOME/bin/java
else
    java=$(command -v java) || die "no java on PATH; set JAVA_HOME"
fi
[ -x "$java" ] || die "not executable: $java"

timeout_secs=${VERIFY_TIMEOUT_SECS:-120}
case $timeout_secs in
    '' | *[!0-9]*) die "VERIFY_TIMEOUT_SECS must be a number of seconds, got '$timeout_secs'" ;;
esac

# --- The temporary root ---------------------------------------------------------------------------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rusty-pinch-verify.XXXXXX") || die "cannot create a temporary directory"
fake_pid=
worker_pid=
cleanup() {
    [ -z "$worker_pid" ] || kill -s KILL "$worker_pid" 2>/dev/null
    [ -z "$fake_pid" ] || kill -s TERM "$fake_pid" 2>/dev/null
    if [ "${VERIFY_KEEP:-}" = 1 ]; then
        say "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
case $tmp in
    *[!A-Za-z0-9/._-]*) die "the temporary directory $tmp has unusual characters; set TMPDIR to a plain path" ;;
esac
root=$tmp/root
fake_dir=$tmp/fake-bot-api
mkdir -p "$root/opt" "$root/var/lib/rusty-pinch/data" "$root/var/lib/rusty-pinch/workspace" "$fake_dir" \
    || die "cannot create $root"
cp -R -p "$dist" "$root/opt/rusty-pinch" || die "cannot copy $dist"
unit_file=$root/opt/rusty-pinch/deploy/systemd/rusty-pinch-telegram.service

# The fake Bot API first: its port goes into the env file.
"$java" "$fake_source" "$fake_dir" $((timeout_secs + 60)) > "$tmp/fake.out" 2>&1 < /dev/null &
fake_pid=$!
waited=0
while [ ! -f "$fake_dir/port" ]; do
    kill -0 "$fake_pid" 2>/dev/null || { cat "$tmp/fake.out" >&2; die "the fake Bot API did not start (java $fake_source needs a JDK)"; }
    [ "$waited" -lt $((timeout_secs * 5)) ] || die "the fake Bot API did not start within $timeout_secs s"
    pause
    waited=$((waited + 1))
done
port=$(cat "$fake_dir/port")
requests=$fake_dir/requests.log

work_dir=$(reroot "$(service_value WorkingDirectory)")
env_file=$(service_value EnvironmentFile)
env_file=$(reroot "${env_file#-}")
exec_start=$(service_value ExecStart)
kill_signal=$(service_value KillSignal)
kill_signal=${kill_signal#SIG}
case $kill_signal in
    INT | QUIT) die "KillSignal=SIG$kill_signal cannot be checked: sh starts background programs with it ignored" ;;
esac
stop_timeout=$(service_value TimeoutStopSec)
stop_timeout=${stop_timeout%s}
case $stop_timeout in
    '' | *[!0-9]*) die "TimeoutStopSec must be plain seconds for this check" ;;
esac
success_statuses=$(unit_values "$unit_file" Service SuccessExitStatus)
data_dir=$root/var/lib/rusty-pinch/data

# The EnvironmentFile: the template, re-rooted and pointed at the fake API and the local provider.
mkdir -p "${env_file%/*}" || die "cannot create ${env_file%/*}"
seen_api_base=false
seen_token=false
{
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
            RUSTY_PINCH_PROVIDER=*) line=RUSTY_PINCH_PROVIDER=local ;;
            RUSTY_PINCH_MODEL=*) line=RUSTY_PINCH_MODEL=$model ;;
            RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=*) line=RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true ;;
            RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=*) line=RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=$token; seen_token=true ;;
            RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=*)
                line=RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=http://127.0.0.1:$port; seen_api_base=true ;;
            [A-Z]*=/var/lib/rusty-pinch*) line=${line%%=*}=$root${line#*=} ;;
        esac
        printf '%s\n' "$line"
    done < "$env_template"
    say "# Added by $me"
    [ "$seen_token" = true ] || say "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=$token"
    [ "$seen_api_base" = true ] || say "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=http://127.0.0.1:$port"
    [ -z "${JAVA_HOME:-}" ] || say "JAVA_HOME=$JAVA_HOME"
} > "$env_file" || die "cannot write $env_file"
chmod 0640 "$env_file"

# --- Start the worker as the unit would -------------------------------------------------------------

# The environment: systemd's PATH and HOME (User=rusty-pinch has HOME /var/lib/rusty-pinch),
# then every assignment of the EnvironmentFile (a later one wins, as in systemd).
# RUSTY_PINCH_CDS=off: the copied install is writable here (unlike /opt under ProtectSystem=strict), so the
# launcher would train its class-data-sharing archive into it, outside /var/lib/rusty-pinch.
set -- "PATH=$systemd_path" "HOME=$root/var/lib/rusty-pinch" RUSTY_PINCH_CDS=off
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    trim "$line"
    case $trimmed in
        '' | '#'* | ';'*) continue ;;
        *=*) ;;
        *) continue ;;
    esac
    trim "${trimmed%%=*}"
    key=$trimmed
    case $key in
        '' | [0-9]* | *[!A-Za-z0-9_]*) say "$me: $env_file line $lineno: ignoring invalid name '$key' (as systemd does)" >&2; continue ;;
    esac
    trim "${line#*=}"
    decode_value "$trimmed"
    set -- "$@" "$key=$decoded"
done < "$env_file"

# ExecStart's words; '-' (ignore failure) is the only prefix this check understands.
exec_start=${exec_start#-}
case $exec_start in
    [@:+!]* | *\"* | *\'* | *'$'* | *%*) die "ExecStart=$exec_start uses quoting, a prefix or a specifier this check does not handle" ;;
esac
set -f
for word in $exec_start; do
    case $word in
        /*) word=$root$word ;;
    esac
    set -- "$@" "$word"
done
set +f

marker=$tmp/started
: > "$marker"
say "# $me: root $root, worker: ExecStart=$exec_start (re-rooted), Bot API http://127.0.0.1:$port"
(cd "$work_dir" && exec env -i "$@") > "$tmp/worker.out" 2> "$tmp/worker.err" < /dev/null &
worker_pid=$!

show_worker() {
    say "--- worker stderr" >&2
    cat "$tmp/worker.err" >&2
    say "--- Bot API requests" >&2
    cat "$requests" >&2
}

# Ready: the reply was sent, the offset committed, and the next long poll is waiting.
idle_poll() {
    grep '^getUpdates ' "$requests" | grep 'offset=2&' | grep -v -q 'timeout=0'
}
waited=0
until grep -q '^sendMessage ' "$requests" 2>/dev/null && grep -q '"offset":2' "$data_dir/channels/telegram/offset.json" 2>/dev/null \
        && idle_poll; do
    if ! kill -0 "$worker_pid" 2>/dev/null; then
        wait "$worker_pid"
        rc=$?
        worker_pid=
        show_worker
        die "the worker exited with $rc before answering"
    fi
    if [ "$waited" -ge $((timeout_secs * 5)) ]; then
        show_worker
        die "the worker did not answer within $timeout_secs s"
    fi
    pause
    waited=$((waited + 1))
done

# --- Stop it as systemctl stop would -------------------------------------------------------------

stop_started=$(now_ms)
kill -s "$kill_signal" "$worker_pid" || die "cannot send SIG$kill_signal to $worker_pid"
waited=0
while kill -0 "$worker_pid" 2>/dev/null; do
    if [ "$waited" -ge $((stop_timeout * 5)) ]; then
        kill -s KILL "$worker_pid" 2>/dev/null
        show_worker
        die "the worker did not stop within TimeoutStopSec=$stop_timeout s (systemd would SIGKILL it)"
    fi
    pause
    waited=$((waited + 1))
done
wait "$worker_pid"
rc=$?
worker_pid=
stop_ms=$(($(now_ms) - stop_started))

# --- Checks ----------------------------------------------------------------------------------------

has_line() {
    grep -F -x -q -- "$1" "$2"
}
exit_code_ok() {
    [ "$rc" -eq 0 ] && return 0
    for status in $success_statuses; do
        [ "$status" = "$rc" ] && return 0
    done
    return 1
}
signal_before_stop() {
    signal_line=$(grep -n -F -x '{"event":"channel_signal","signal":"terminate","action":"graceful_stop"}' "$tmp/worker.err" | head -n 1)
    stop_line=$(grep -n -F -x '{"channel":"telegram","event":"channel_stop","reason":"signal"}' "$tmp/worker.err" | head -n 1)
    [ -n "$signal_line" ] && [ -n "$stop_line" ] && [ "${signal_line%%:*}" -lt "${stop_line%%:*}" ]
}
only_events_and_diagnostics() {
    ! grep -v -q -e '^{' -e '^WARN ' -e '^ERROR ' "$tmp/worker.err"
}
turn_recorded() {
    grep '"event":"turn"' "$tmp/worker.err" | grep -q '"session_id":"telegram:12345"'
}
acknowledged() {
    grep '^getUpdates ' "$requests" | grep -q 'offset=2&timeout=0&limit=1'
}
polls_ask_for_messages_and_edits() {
    grep '^getUpdates ' "$requests" | grep -q 'allowed_updates=\["message","edited_message"\]'
}
state_under_read_write_paths() {
    [ -f "$data_dir/sessions/telegram_12345.jsonl" ] && [ -f "$data_dir/telemetry/latest.json" ] \
        && [ -z "$(find "$root" -newer "$marker" ! -path "$root/var/lib/rusty-pinch" ! -path "$root/var/lib/rusty-pinch/*")" ]
}
token_never_printed() {
    ! grep -q -F -- "$token_secret" "$tmp/worker.out" "$tmp/worker.err"
}

case $rc in
    0) exit_note="exit 0" ;;
    *) exit_note="exit $rc (SuccessExitStatus=$success_statuses)" ;;
esac
check "$exit_note after SIG$kill_signal, stopped in $stop_ms ms" exit_code_ok
check "channel_start on stderr" grep -q -F '"event":"channel_start"' "$tmp/worker.err"
check "channel_signal terminate, then channel_stop reason signal" signal_before_stop
check "stderr holds only JSON events and WARN/ERROR diagnostics" only_events_and_diagnostics
check "the turn for telegram:12345 was recorded" turn_recorded
check "the reply was sent" has_line "sendMessage {\"chat_id\":\"12345\",\"text\":\"[Rusty Pinch:local:$model] Received 'ping'. history=0 messages.\"}" "$requests"
check "polls ask for messages and edits" polls_ask_for_messages_and_edits
check "offset 2 committed for bot 123456" grep -q -F '"bot_id":"123456","offset":2,' "$data_dir/channels/telegram/offset.json"
check "offset acknowledged before exit" acknowledged
check "state written only under ReadWritePaths (/var/lib/rusty-pinch)" state_under_read_write_paths
check "the token never printed" token_never_printed

if [ "$failures" -gt 0 ]; then
    show_worker
    say "$me: FAIL ($failures failed)"
    exit 1
fi
say "$me: PASS (exit $rc)"
