#!/usr/bin/env bash
# feeds: a person's calendar feed under load, beside nginx serving the same bytes.
#
#   bash benches/feeds/run.sh DATABASE [PEOPLE] [SECONDS]
#
# DATABASE is a SQLite file that does not exist yet, or an empty PostgreSQL database
# URL. `rota bench load-desk` loads PEOPLE (default 40) generated people as a 24/5 desk
# with a 26-week draft from next Monday; `rota serve` serves it; a plan job fills it
# (10 s) and it is published. The bench manager makes a person feed of whoever works
# most. Then:
#   cold: 5 fetches, each right after an audited change (a team renamed), so each
#         renders the feed again;
#   warm: wrk, 2 threads, 64 connections, SECONDS (default 10) s, against the feed;
#   nginx: the same bytes as a static file from Debian's nginx on a free loopback
#         port, same wrk run, so the figure is a ratio.
# Needs curl, jq, wrk and nginx (apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source benches/lib.sh
BIN=${ROTA_BINARY:-target/release/rota}
DB=$1
PEOPLE=${2:-40}
DURATION=${3:-10}
for tool in curl jq wrk nginx; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
WORK=$(mktemp -d)
PID=
NGINX_PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

FROM=$(python3 -c 'import datetime as d; t = d.date.today(); print(t + d.timedelta(days=7 - t.weekday()))')
"$BIN" bench load-desk --database "$DB" --people "$PEOPLE" --weeks 26 --from "$FROM" | tee "$WORK/load.txt"
ROSTER=$(sed -n 's/^roster_id=//p' "$WORK/load.txt")
bench_serve "$BIN" "$DB" "$WORK/serve.log"
bench_login
bench_plan "$ROSTER" '{"seconds": 10, "seed": 1}'
echo "plan: $PLAN_STATUS"
etag=$(curl -s -D - -o "$WORK/roster.json" "$B/api/rosters/$ROSTER" "${auth[@]}" | tr -d '\r' | sed -n 's/^etag: //Ip')
curl -s -X POST "$B/api/rosters/$ROSTER/publish" "${auth[@]}" -H "If-Match: $etag" -o /dev/null -w 'publish: %{http_code}\n'
PERSON=$(jq -r '[.shifts[].assigned[].person_id] | group_by(.) | max_by(length) | .[0]' "$WORK/roster.json")
URL=$(curl -s -X POST "$B/api/feeds" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"kind\": \"person\", \"target\": \"$PERSON\"}" | jq -r .url)
curl -s "$URL" -o "$WORK/feed.ics"
echo "feed: $(grep -c '^BEGIN:VEVENT' "$WORK/feed.ics") events, $(wc -c <"$WORK/feed.ics") bytes"

TEAM=$(curl -s "$B/api/teams" "${auth[@]}" | jq -r '.items[0].id')
echo "cold (a render after each change), 5 fetches (s):"
for i in 1 2 3 4 5; do
  tag=$(curl -s -D - -o /dev/null "$B/api/teams/$TEAM" "${auth[@]}" | tr -d '\r' | sed -n 's/^etag: //Ip')
  curl -s -o /dev/null -X PATCH "$B/api/teams/$TEAM" "${auth[@]}" -H "If-Match: $tag" \
    -H 'Content-Type: application/json' -d "{\"description\": \"bench $i\"}"
  curl -s -o /dev/null -w '  %{time_total}\n' "$URL"
done

summary() { # wrk output → one line
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s, p50 %s, p99 %s\n", rps, p50, p99}'
}
echo "warm, rota (wrk -t2 -c64 -d${DURATION}s):"
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL" >"$WORK/wrk-rota.txt"
echo "  $(summary <"$WORK/wrk-rota.txt")"
grep -E 'Non-2xx|Socket errors' "$WORK/wrk-rota.txt" || true

mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
cp "$WORK/feed.ics" "$WORK/nginx/html/feed.ics"
# nginx's workers drop root: they must be able to read the file.
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/html" && chmod 644 "$WORK/nginx/html/feed.ics"
NPORT=$(bench_free_port)
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/calendar ics; }
  server { listen 127.0.0.1:$NPORT; root $WORK/nginx/html; }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$NPORT/feed.ics" -o /dev/null && break; sleep 0.1; done
curl -s "http://127.0.0.1:$NPORT/feed.ics" -o "$WORK/from-nginx.ics"
if cmp -s "$WORK/from-nginx.ics" "$WORK/feed.ics"; then echo "nginx serves the same bytes"; else echo "nginx serves other bytes" >&2; exit 1; fi
echo "warm, nginx static file (wrk -t2 -c64 -d${DURATION}s):"
wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$NPORT/feed.ics" >"$WORK/wrk-nginx.txt"
echo "  $(summary <"$WORK/wrk-nginx.txt")"
echo "rota serve peak memory: $(grep VmHWM /proc/$PID/status | tr -s ' ')"
echo "machine: $(nproc) cores, $(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
