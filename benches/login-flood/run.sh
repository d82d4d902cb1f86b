#!/usr/bin/env bash
# /api/me throughput and latency on SQLite, idle and during a 64-connection
# flood of correct-password logins, in one run against one `rota` binary.
#
#   benches/login-flood/run.sh ROTA_BINARY [--seconds N] [--accounts N]
#
# Needs wrk (apt-get install -y wrk), curl and python3. See README.md.
set -euo pipefail

usage() {
    echo "usage: $0 ROTA_BINARY [--seconds N] [--accounts N]" >&2
    exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ $# -ge 1 ]] || usage
bin=$1
shift
seconds=20
accounts=300
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) seconds=${2:?}; shift 2 ;;
        --accounts) accounts=${2:?}; shift 2 ;;
        *) usage ;;
    esac
done
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "--seconds wants a positive integer" >&2; exit 2; }
[[ $accounts =~ ^[1-9][0-9]*$ && $accounts -le 999 ]] || { echo "--accounts wants 1..999" >&2; exit 2; }
[[ -x $bin ]] || { echo "not an executable: $bin" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (wrk: apt-get install -y wrk)" >&2; exit 2; }
done

# Same wrk settings for /api/me in both phases. The timeout is above the pool's
# 10 s connection wait, so slow answers are measured instead of being dropped
# as wrk timeouts (wrk leaves timed-out requests out of its latency figures).
me_wrk=(wrk -t1 -c8 "-d${seconds}s" --timeout 30s --latency -s "$here/me.lua")
flood_wrk=(wrk -t1 -c64 "-d$((seconds + 4))s" --timeout 30s --latency -s "$here/login.lua")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rota-login-flood.XXXXXX")
server_pid=
flood_pid=
cleanup() {
    [[ -n $flood_pid ]] && kill "$flood_pid" 2>/dev/null || true
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "run.sh: $*" >&2
    if [[ -f $tmp/server.log ]]; then
        echo "--- last lines of the server log ---" >&2
        tail -n 20 "$tmp/server.log" >&2
    fi
    exit 1
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:    $(nproc)"
echo "cpu:      $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "kernel:   $(uname -sr)"
echo "wrk:      $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
echo "binary:   $bin"
echo "sha256:   $(sha256sum "$bin" | cut -d' ' -f1)"
echo "version:  $("$bin" --version 2>/dev/null || echo '?')"
echo "load avg: $(load) (1/5/15 min, at start)"
echo "settings: seconds=$seconds accounts=$accounts"

echo "== setup"
"$bin" demo --no-serve --database "$tmp/flood.db" >"$tmp/demo.txt" 2>"$tmp/demo.err" ||
    { cat "$tmp/demo.err" >&2; fail "rota demo failed"; }
read -r admin_email admin_password < <(awk '$1 == "admin" { print $2, $3; exit }' "$tmp/demo.txt")
read -r member_email member_password < <(awk '$1 == "member" { print $2, $3; exit }' "$tmp/demo.txt")
[[ -n ${admin_password:-} && -n ${member_password:-} ]] || fail "no admin or member login in the demo output"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
secret=$(head -c 36 /dev/urandom | base64 | tr -d '\n')   # 48 characters
DATABASE_URL=$tmp/flood.db ROTA_JWT_SECRET=$secret ROTA_BIND=127.0.0.1:$port \
    "$bin" serve >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || fail "rota serve exited"
    sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || fail "rota serve did not answer /healthz within 10 s"
echo "server:   $base (pid $server_pid)"

login() { # email password -> access token on stdout
    curl -sS -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$2\"}" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
admin_token=$(login "$admin_email" "$admin_password")
[[ -n $admin_token ]] || fail "admin login failed"

create_account() { # index
    local n3 n4 code
    n3=$(printf %03d "$1")
    n4=$(printf %04d "$1")
    code=$(curl -sS -o "$tmp/create-$n3.out" -w '%{http_code}' -X POST "$base/api/people" \
        -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
        -d "{\"name\":\"Flood $n3\",\"email\":\"flood$n3@example.com\",\"time_zone\":\"Europe/Warsaw\",\"holiday_region\":\"PL\",\"skills\":{\"languages\":[\"en\"],\"tier\":\"L1\",\"channels\":[\"chat\"]},\"password\":\"flood-password-$n4\"}")
    if [[ $code == 201 ]]; then rm -f "$tmp/create-$n3.out"; else echo "$code" >"$tmp/create-$n3.failed"; fi
}
echo "creating $accounts flood accounts..."
started=$SECONDS
# Four at a time; wait on these pids only (a bare `wait` would wait for the server too).
pids=()
for i in $(seq 1 "$accounts"); do
    create_account "$i" &
    pids+=($!)
    if (( ${#pids[@]} == 4 )); then wait "${pids[@]}"; pids=(); fi
done
(( ${#pids[@]} == 0 )) || wait "${pids[@]}"
if compgen -G "$tmp/create-*.failed" >/dev/null; then
    first=$(ls "$tmp"/create-*.failed | head -n1)
    fail "$(ls "$tmp"/create-*.failed | wc -l) account(s) not created; first: HTTP $(cat "$first") $(cat "${first%.failed}.out")"
fi
echo "created in $((SECONDS - started)) s"

[[ -n $(login flood001@example.com flood-password-0001) ]] || fail "a flood account cannot log in"
me_token=$(login "$member_email" "$member_password")
[[ -n $me_token ]] || fail "member login failed"
code=$(curl -sS -o /dev/null -w '%{http_code}' "$base/api/me" -H "Authorization: Bearer $me_token")
[[ $code == 200 ]] || fail "GET /api/me answered $code"
export ROTA_TOKEN=$me_token FLOOD_ACCOUNTS=$accounts

echo "== idle: GET /api/me, 8 connections, ${seconds} s"
BENCH_TAG=idle "${me_wrk[@]}" "$base" | tee "$tmp/idle.txt"
sleep 1

echo "== flood: POST /api/auth/login, 64 connections, $((seconds + 4)) s, round-robin over $accounts accounts"
BENCH_TAG=flood "${flood_wrk[@]}" "$base" >"$tmp/flood.txt" 2>&1 &
flood_pid=$!
sleep 2
echo "== during the flood: GET /api/me, 8 connections, ${seconds} s (load avg $(load))"
BENCH_TAG=during "${me_wrk[@]}" "$base" | tee "$tmp/during.txt"
wait "$flood_pid" || fail "the flood's wrk failed: $(cat "$tmp/flood.txt")"
flood_pid=
echo "== the flood's own wrk output"
cat "$tmp/flood.txt"

# key=value from a RESULT line
get() { grep '^RESULT ' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
for f in idle during flood; do grep -q '^RESULT ' "$tmp/$f.txt" || fail "no RESULT line from wrk ($f)"; done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "n/a" }'; }
row() { # label file
    local f=$tmp/$2.txt
    printf '%-22s %10s %10s %10s %10s %8s %8s %8s %8s\n' "$1" "$(get "$f" rps)" "$(get "$f" p50_ms)" \
        "$(get "$f" p99_ms)" "$(get "$f" max_ms)" "$(get "$f" s200)" \
        "$(( $(get "$f" s429) + $(get "$f" s503) + $(get "$f" s401) + $(get "$f" s_other) ))" \
        "$(get "$f" err_timeout)" "$(( $(get "$f" err_connect) + $(get "$f" err_read) + $(get "$f" err_write) ))"
}
flood_rps=$(get "$tmp/flood.txt" rps)
flood_requests=$(get "$tmp/flood.txt" requests)

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%M:%SZ), nproc $(nproc), load avg at end $(load))"
echo "binary $bin"
printf '%-22s %10s %10s %10s %10s %8s %8s %8s %8s\n' "" "req/s" "p50 ms" "p99 ms" "max ms" "200" "non-200" "timeout" "sockerr"
row "/api/me idle" idle
row "/api/me during flood" during
row "login flood" flood
echo
echo "/api/me during/idle:   throughput $(ratio "$(get "$tmp/during.txt" rps)" "$(get "$tmp/idle.txt" rps)")x," \
    "p99 $(ratio "$(get "$tmp/during.txt" p99_ms)" "$(get "$tmp/idle.txt" p99_ms)")x"
echo "login flood statuses:  200=$(get "$tmp/flood.txt" s200) 401=$(get "$tmp/flood.txt" s401)" \
    "429=$(get "$tmp/flood.txt" s429) 503=$(get "$tmp/flood.txt" s503) other=$(get "$tmp/flood.txt" s_other)"
per_min=$(awk -v r="$flood_rps" -v n="$accounts" 'BEGIN { printf "%.1f", r * 60 / n }')
echo "logins per account:    $(awk -v r="$flood_requests" -v n="$accounts" 'BEGIN { printf "%.1f", r / n }') in the run," \
    "$per_min a minute at the flood's rate"
if awk -v m="$per_min" 'BEGIN { exit !(m > 20) }'; then
    echo "WARNING: more than 20 logins a minute per account; rerun with --accounts $(awk -v r="$flood_rps" 'BEGIN { printf "%d", r * 3 + 1 }') or more so per-account throttling stays out of the picture"
fi
