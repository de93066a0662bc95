#!/bin/sh
# End-to-end check of the hardened systemd Telegram unit under a real systemd, as root.
#
# Usage: sh verify-telegram-unit-systemd.sh [DIST_DIR]
#        sh verify-telegram-unit-systemd.sh --print-unit ROOT [DIST_DIR]
#
# DIST_DIR is an unpacked rusty-pinch-<version>/ directory, found as verify-telegram-unit.sh finds it.
# Needs root, systemd running as PID 1, the unit's User=/Group= (see systemd/INSTALL.md) and a JDK's
# java (for deploy/verify/FakeBotApi.java) outside /home, /root and /tmp, which the unit hides.
#
# What it does:
#   - builds a temporary root <root> = /var/lib/rp-verify.XXXXXX (not under /tmp or /var/tmp: the
#     unit's PrivateTmp hides those): <root>/opt/rusty-pinch (a copy of DIST_DIR, owned by root),
#     <root>/var/lib/rusty-pinch/{data,workspace} (0700, owned by User=/Group=), and the
#     EnvironmentFile <root>/etc/rusty-pinch/rusty-pinch.env (0600 root: systemd reads it as root)
#     with the local provider, a test token and a fake Bot API on 127.0.0.1;
#   - installs /run/systemd/system/rusty-pinch-verify-telegram.service: the unit file with its
#     /opt/rusty-pinch, /etc/rusty-pinch and /var/lib/rusty-pinch paths moved under <root> and
#     Restart=no; every hardening setting (UMask, ProtectSystem, SystemCallFilter, ...) unchanged;
#   - starts it, waits until it has answered one message ("ping") and sits in an idle long poll,
#     runs systemctl stop and checks: the service ended successfully, channel_signal terminate and
#     channel_stop signal in its journal, the reply, the committed offset, every directory it
#     created 0700 and every file 0600, and the token never in the journal;
#   - removes the unit and the temporary root (VERIFY_KEEP=1 keeps the root and prints its path).
# --print-unit prints the unit it would install for ROOT and exits (no root, no systemd needed).
#
# Environment: JAVA_HOME (the Java for both programs; also written to the env file),
# VERIFY_TIMEOUT_SECS (waits for start-up and the first answer, default 120).
# Exit: 0 when every check passes, 1 otherwise.

IFS=' 	
'
unset CDPATH
umask 077

me=verify-telegram-unit-systemd
unit_name=rusty-pinch-verify-telegram.service
token_secret=verify-secret-token
token=123456:$token_secret
model=verify-model

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

# Prints the unit file $1 for the temporary root $2: the install paths under $2, Restart=no.
make_unit() {
    sed -e "s#\\([= ]\\)/opt/rusty-pinch\\([/ ]\\|\$\\)#\\1$2/opt/rusty-pinch\\2#g" \
        -e "s#\\([= ]\\)/etc/rusty-pinch/#\\1$2/etc/rusty-pinch/#g" \
        -e "s#\\([= ]\\)/var/lib/rusty-pinch\\([/ ]\\|\$\\)#\\1$2/var/lib/rusty-pinch\\2#g" \
        -e 's#^Restart=.*#Restart=no#' \
        -e 's#^Description=.*#& (verify-telegram-unit-systemd)#' \
        "$1"
}

# Prints the single value of KEY in the unit file $1 ([Service] keys are unique in our units).
unit_value() {
    sed -n "s/^[ 	]*$2[ 	]*=[ 	]*//p" "$1" | tail -n 1
}

print_only=
if [ "${1:-}" = --print-unit ]; then
    [ -n "${2:-}" ] || die "usage: sh $0 --print-unit ROOT [DIST_DIR]"
    print_only=$2
    shift 2
fi

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

if [ -n "$print_only" ]; then
    make_unit "$unit_template" "$print_only"
    exit 0
fi

[ "$(id -u)" = 0 ] || die "run as root (it installs a transient unit); without systemd use verify-telegram-unit.sh"
[ "$(ps -o comm= -p 1 2>/dev/null)" = systemd ] || die "systemd is not PID 1 here; use verify-telegram-unit.sh instead"
user=$(unit_value "$unit_template" User)
group=$(unit_value "$unit_template" Group)
id "$user" > /dev/null 2>&1 || die "no user '$user' (User= of the unit); create it as systemd/INSTALL.md shows"

if [ -n "${JAVA_HOME:-}" ]; then
    java=$JAVA_HOME/bin/java
else
    java=$(command -v java) || die "no java on PATH; set JAVA_HOME"
fi
[ -x "$java" ] || die "not executable: $java"
java_real=$(readlink -f "$java")
case $java_real in
    /home/* | /root/* | /tmp/* | /var/tmp/* | /run/user/*)
        die "$java_real is hidden from the unit (ProtectHome/PrivateTmp); use a Java installed under /usr or /opt" ;;
esac

timeout_secs=${VERIFY_TIMEOUT_SECS:-120}
case $timeout_secs in
    '' | *[!0-9]*) die "VERIFY_TIMEOUT_SECS must be a number of seconds, got '$timeout_secs'" ;;
esac

# --- The temporary root ---------------------------------------------------------------------------

root=$(mktemp -d /var/lib/rp-verify.XXXXXX) || die "cannot create a temporary directory under /var/lib"
unit_file=/run/systemd/system/$unit_name
fake_pid=
cleanup() {
    systemctl stop "$unit_name" > /dev/null 2>&1
    rm -f "$unit_file"
    systemctl daemon-reload > /dev/null 2>&1
    systemctl reset-failed "$unit_name" > /dev/null 2>&1
    [ -z "$fake_pid" ] || kill -s TERM "$fake_pid" 2>/dev/null
    if [ "${VERIFY_KEEP:-}" = 1 ]; then
        say "kept $root"
    else
        rm -rf "$root"
    fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
[ ! -e "$unit_file" ] || die "$unit_file exists already (another run?); remove it first"
chmod 0755 "$root"
mkdir -p "$root/opt" "$root/etc/rusty-pinch" "$root/fake-bot-api" || die "cannot create $root"
cp -R -p "$dist" "$root/opt/rusty-pinch" || die "cannot copy $dist"
chown -R root:root "$root/opt/rusty-pinch"
chmod -R go+rX,go-w "$root/opt/rusty-pinch"
install -d -o "$user" -g "$group" -m 0700 "$root/var/lib/rusty-pinch" \
    "$root/var/lib/rusty-pinch/data" "$root/var/lib/rusty-pinch/workspace" || die "cannot create the state directories"
data_dir=$root/var/lib/rusty-pinch/data
fake_dir=$root/fake-bot-api

"$java" "$fake_source" "$fake_dir" $((timeout_secs + 60)) > "$root/fake.out" 2>&1 < /dev/null &
fake_pid=$!
waited=0
while [ ! -f "$fake_dir/port" ]; do
    kill -0 "$fake_pid" 2>/dev/null || { cat "$root/fake.out" >&2; die "the fake Bot API did not start (java $fake_source needs a JDK)"; }
    [ "$waited" -lt $((timeout_secs * 5)) ] || die "the fake Bot API did not start within $timeout_secs s"
    pause
    waited=$((waited + 1))
done
port=$(cat "$fake_dir/port")
requests=$fake_dir/requests.log

env_file=$root/etc/rusty-pinch/rusty-pinch.env
{
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
            RUSTY_PINCH_PROVIDER=*) line=RUSTY_PINCH_PROVIDER=local ;;
            RUSTY_PINCH_MODEL=*) line=RUSTY_PINCH_MODEL=$model ;;
            RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=*) line=RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true ;;
            RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=* | RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=*) continue ;;
            [A-Z]*=/var/lib/rusty-pinch*) line=${line%%=*}=$root${line#*=} ;;
        esac
        printf '%s\n' "$line"
    done < "$env_template"
    say "# Added by $me"
    say "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=$token"
    say "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=http://127.0.0.1:$port"
    [ -z "${JAVA_HOME:-}" ] || say "JAVA_HOME=$JAVA_HOME"
} > "$env_file" || die "cannot write $env_file"
chmod 0600 "$env_file"

make_unit "$unit_template" "$root" > "$unit_file" || die "cannot write $unit_file"
systemctl daemon-reload || die "systemctl daemon-reload failed"
say "# $me: root $root, unit $unit_file, Bot API http://127.0.0.1:$port"
since=$(date '+%Y-%m-%d %H:%M:%S')
systemctl start "$unit_name" || die "systemctl start $unit_name failed"

journal() {
    journalctl -u "$unit_name" --since "$since" -o cat --no-pager 2>/dev/null
}
show_service() {
    say "--- systemctl status" >&2
    systemctl status --no-pager "$unit_name" >&2
    say "--- journal" >&2
    journal >&2
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
    if ! systemctl is-active --quiet "$unit_name"; then
        show_service
        die "the service stopped before answering"
    fi
    if [ "$waited" -ge $((timeout_secs * 5)) ]; then
        show_service
        die "the service did not answer within $timeout_secs s"
    fi
    pause
    waited=$((waited + 1))
done

systemctl stop "$unit_name" || die "systemctl stop $unit_name failed"

# --- Checks ----------------------------------------------------------------------------------------

stopped_cleanly() {
    [ "$(systemctl show -p Result --value "$unit_name")" = success ]
}
signal_then_stop() {
    # journald may deliver the last lines a moment after the stop.
    tries=0
    while [ "$tries" -lt 50 ]; do
        if journal | grep -q -F -x '{"channel":"telegram","event":"channel_stop","reason":"signal"}'; then
            journal | grep -q -F -x '{"event":"channel_signal","signal":"terminate","action":"graceful_stop"}'
            return
        fi
        pause
        tries=$((tries + 1))
    done
    return 1
}
only_private_state() {
    [ -f "$data_dir/sessions/telegram_12345.jsonl" ] \
        && [ -z "$(find "$data_dir" -mindepth 1 \( -type d ! -perm 0700 \) -o \( -type f ! -perm 0600 \))" ]
}
state_owned_by_the_unit_user() {
    [ -z "$(find "$data_dir" ! -user "$user")" ]
}
token_never_logged() {
    ! journal | grep -q -F -- "$token_secret"
}

check "systemctl stop ended the service with Result=success" stopped_cleanly
check "channel_signal terminate and channel_stop reason signal in the journal" signal_then_stop
check "the reply was sent" grep -q -F "sendMessage {\"chat_id\":\"12345\",\"text\":\"[Rusty Pinch:local:$model] Received 'ping'. history=0 messages.\"}" "$requests"
check "offset 2 committed for bot 123456" grep -q -F '"bot_id":"123456","offset":2,' "$data_dir/channels/telegram/offset.json"
check "every directory the worker created is 0700 and every file 0600" only_private_state
check "the state belongs to User=$user" state_owned_by_the_unit_user
check "the token never in the journal" token_never_logged

if [ "$failures" -gt 0 ]; then
    show_service
    say "$me: FAIL ($failures failed)"
    exit 1
fi
say "$me: PASS"
