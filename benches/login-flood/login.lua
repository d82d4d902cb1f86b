-- POST /api/auth/login with correct passwords, round-robin over
-- $FLOOD_ACCOUNTS accounts floodNNN@example.com / flood-password-NNNN
-- (NNN from 001), so every request really verifies an argon2 hash and no
-- single account is hit often enough to trip per-account throttling.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local n = tonumber(os.getenv("FLOOD_ACCOUNTS") or "") or error("FLOOD_ACCOUNTS is not set")
local prepared = {}
local next_index

local common_init = init
function init(args)
  common_init(args)
  local headers = { ["Content-Type"] = "application/json" }
  for i = 1, n do
    local body = string.format('{"email":"flood%03d@example.com","password":"flood-password-%04d"}', i, i)
    prepared[i] = wrk.format("POST", "/api/auth/login", headers, body)
  end
  -- Threads start at different offsets so that with -t>1 they do not march in step.
  next_index = ((tonumber(id) or 0) * 97) % n
end

function request()
  next_index = next_index % n + 1
  return prepared[next_index]
end
