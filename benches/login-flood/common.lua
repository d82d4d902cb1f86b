-- Shared by me.lua and login.lua: count responses by status in each thread
-- and print machine-readable RESULT lines from done(). wrk runs request() and
-- response() in per-thread Lua states; done() runs in the main state, so the
-- counts are read back through the thread objects kept by setup().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads - 1)
end

function init(args)
  c200, c401, c429, c503, c_other = 0, 0, 0, 0, 0
end

function response(status, headers, body)
  if status == 200 then c200 = c200 + 1
  elseif status == 401 then c401 = c401 + 1
  elseif status == 429 then c429 = c429 + 1
  elseif status == 503 then c503 = c503 + 1
  else c_other = c_other + 1 end
end

function done(summary, latency, requests)
  local tag = os.getenv("BENCH_TAG") or "run"
  local t = { c200 = 0, c401 = 0, c429 = 0, c503 = 0, c_other = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT %s requests=%d seconds=%.3f rps=%.2f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "s200=%d s401=%d s429=%d s503=%d s_other=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    tag, summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    t.c200, t.c401, t.c429, t.c503, t.c_other,
    e.connect, e.read, e.write, e.timeout))
end
