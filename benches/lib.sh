# What the benches/*/run.sh scripts share: a free loopback port, `rota serve` on a
# database, the bench manager's token, and a plan job waited for. Source it after
# `set -euo pipefail` and `cd` to the repository root.

bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_serve BINARY DATABASE LOG: `rota serve` on a free port, up before it returns;
# sets PID and B (its base URL).
bench_serve() {
  local port
  port=$(bench_free_port)
  B=http://127.0.0.1:$port
  DATABASE_URL=$2 ROTA_BIND=127.0.0.1:$port ROTA_JWT_SECRET=$(head -c 48 /dev/urandom | base64) \
    RUST_LOG=warn "$1" serve >"$3" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done
}

# bench_login: the bench manager's bearer token; sets TOKEN and the curl arguments auth.
bench_login() {
  TOKEN=$(curl -s -X POST "$B/api/auth/login" -H 'Content-Type: application/json' \
    -d '{"email": "bench.manager@rota.bench", "password": "rota-bench-manager"}' | jq -r .access_token)
  auth=(-H "Authorization: Bearer $TOKEN")
}

# bench_plan ROSTER BODY: queues a plan job and waits for it to end; sets JOB and
# PLAN_STATUS (call it directly, not in $( ), or they are lost).
bench_plan() {
  local status
  JOB=$(curl -s -X POST "$B/api/rosters/$1/plan" "${auth[@]}" -H 'Content-Type: application/json' -d "$2" | jq -r .id)
  while :; do
    status=$(curl -s "$B/api/jobs/$JOB" "${auth[@]}" | jq -r .status)
    case $status in queued | running) sleep 0.2 ;; *) break ;; esac
  done
  PLAN_STATUS=$status
}
