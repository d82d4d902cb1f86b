#!/usr/bin/env bash
# roster-board: how long the roster board page takes for a big desk.
#
#   bash benches/roster-board/run.sh DATABASE [PEOPLE] [WEEKS]
#
# DATABASE is a SQLite file that does not exist yet, or an empty PostgreSQL database
# URL. `rota bench load-desk` loads PEOPLE (default 300) generated people as one 24/5
# desk with a WEEKS-week (default 8) draft roster from 2027-03-01, `rota serve` serves
# it, a plan job fills it (ROTA_BENCH_SECONDS, default 10), then the bench manager
# signs in on the page and curl times GET /rosters/{id} five times (the whole board:
# every person of the desk's teams, every day, cover, totals).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source benches/lib.sh
BIN=${ROTA_BINARY:-target/release/rota}
DB=$1
PEOPLE=${2:-300}
WEEKS=${3:-8}
SECONDS_BUDGET=${ROTA_BENCH_SECONDS:-10}
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" bench load-desk --database "$DB" --people "$PEOPLE" --weeks "$WEEKS" --from 2027-03-01 | tee "$WORK/load.txt"
ROSTER=$(sed -n 's/^roster_id=//p' "$WORK/load.txt")

bench_serve "$BIN" "$DB" "$WORK/serve.log"
bench_login
bench_plan "$ROSTER" "{\"seconds\": $SECONDS_BUDGET, \"seed\": 1}"
echo "plan: $PLAN_STATUS, $(curl -s "$B/api/jobs/$JOB" "${auth[@]}" | jq -c .result)"

curl -s -c "$WORK/cookies" -o /dev/null -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode email=bench.manager@rota.bench --data-urlencode password=rota-bench-manager "$B/login"
echo "GET /rosters/{id}, 5 calls (s):"
for _ in 1 2 3 4 5; do
  curl -s -b "$WORK/cookies" -o "$WORK/board.html" -w '  %{time_total} (%{http_code}, %{size_download} bytes)\n' "$B/rosters/$ROSTER"
done
curl -s -b "$WORK/cookies" -o /dev/null -H 'Accept-Encoding: gzip' \
  -w '  gzip (as browsers ask): %{time_total} s, %{size_download} bytes\n' "$B/rosters/$ROSTER"
echo "  board: $(grep -c '<th scope="row" class="who">' "$WORK/board.html") rows, $(grep -o 'class="cell work' "$WORK/board.html" | wc -l) shift cells"
echo "  rota serve peak memory: $(grep VmHWM /proc/$PID/status | tr -s ' ')"
echo "machine: $(nproc) cores, $(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
