-- GET /api/me with the bearer token in $ROTA_TOKEN.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "GET"
wrk.path = "/api/me"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("ROTA_TOKEN"), "ROTA_TOKEN is not set")
