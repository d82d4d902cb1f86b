#!/usr/bin/env bash
# roster-api: the roster API on a generated desk in a real database (see README.md).
#
#   bash benches/roster-api/run.sh DATABASE [PEOPLE]
#
# DATABASE is a SQLite file that does not exist yet, or an empty PostgreSQL database
# URL. `rota bench load-desk` loads PEOPLE (default 300) generated people as one 24/5
# desk with a four-week draft roster from 2027-03-01 (both DST changes of March 2027
# inside), `rota serve` serves it on a free port, and curl measures: building and
# sending the planner problem (5 calls), POST …/plan at a 10 s budget until the
# result is stored (polling every 0.2 s), the result, the peak memory of the serve
# process, and whether `rota plan` on the problem plans what a job with an iteration
# budget stores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source benches/lib.sh
BIN=${ROTA_BINARY:-target/release/rota}
DB=$1
PEOPLE=${2:-300}
SECONDS_BUDGET=${ROTA_BENCH_SECONDS:-10}
ITERATIONS=${ROTA_BENCH_ITERATIONS:-300000}
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" bench load-desk --database "$DB" --people "$PEOPLE" --weeks 4 --from 2027-03-01 | tee "$WORK/load.txt"
ROSTER=$(sed -n 's/^roster_id=//p' "$WORK/load.txt")

bench_serve "$BIN" "$DB" "$WORK/serve.log"
bench_login

echo "GET /api/rosters/{id}/problem, 5 calls (s):"
for _ in 1 2 3 4 5; do
  curl -s -o "$WORK/problem.json" -w '  %{time_total}\n' "$B/api/rosters/$ROSTER/problem" "${auth[@]}"
done
echo "  problem: $(jq '.people | length' "$WORK/problem.json") people, $(jq '.shifts | length' "$WORK/problem.json") shifts, $(wc -c < "$WORK/problem.json") bytes"

# Plans the roster with BODY and waits for the job; prints the seconds to the stored result.
plan() {
  local start job status
  start=$(date +%s.%N)
  job=$(curl -s -X POST "$B/api/rosters/$ROSTER/plan" "${auth[@]}" -H 'Content-Type: application/json' -d "$1" | jq -r .id)
  while :; do
    status=$(curl -s "$B/api/jobs/$job" "${auth[@]}" | jq -r .status)
    case $status in queued | running) sleep 0.2 ;; *) break ;; esac
  done
  echo "  $1: $status after $(echo "$(date +%s.%N) - $start" | bc) s"
  curl -s "$B/api/jobs/$job" "${auth[@]}" | jq -c '"  result: \(.result)"' | tr -d '"\\'
}
echo "POST /api/rosters/{id}/plan to a stored result:"
plan "{\"seconds\": $SECONDS_BUDGET, \"seed\": 1}"
echo "  rota serve peak memory: $(grep VmHWM /proc/$PID/status | tr -s ' ')"

echo "The same problem through rota plan (iterations $ITERATIONS, seed 1, one thread):"
curl -s -o "$WORK/before.json" "$B/api/rosters/$ROSTER/problem" "${auth[@]}"
plan "{\"iterations\": $ITERATIONS, \"seed\": 1}"
curl -s "$B/api/rosters/$ROSTER" "${auth[@]}" \
  | jq -r '.shifts[] | .id as $s | .assigned[] | "\($s) \(.person_id)"' | sort > "$WORK/job.txt"
"$BIN" plan --input "$WORK/before.json" --iterations "$ITERATIONS" --seed 1 --threads 1 --output "$WORK/plan.json" 2>&1 | sed 's/^/  rota plan: /'
jq -r '.assignments[] | "\(.shift) \(.person)"' "$WORK/plan.json" | sort > "$WORK/cli.txt"
if diff -q "$WORK/job.txt" "$WORK/cli.txt" > /dev/null; then
  echo "  the job stored the plan rota plan prints ($(wc -l < "$WORK/job.txt") assignments)"
else
  echo "  DIFFERENT: the job stored $(wc -l < "$WORK/job.txt") assignments, rota plan $(wc -l < "$WORK/cli.txt")"
  exit 1
fi
echo "machine: $(nproc) cores, $(date -u +%F), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
