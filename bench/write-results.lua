-- POST /write-results of 2,000 results to backend-results, each request for a new query_id, so every
-- request inserts 2,000 rows (a repeated query_id would be an idempotent no-op). The ids begin with the
-- second this wrk started, far above the seeded data's (the papers-view scenario's queries are 900000001..):
-- a run never writes the ids of its warm-up, nor those of the seed (which made 19 of them 409s until
-- 2026-12-06: a thread number declared local was always 0, and the ids began at 900000001).
local counter = 0
local base = tonumber(os.getenv("BENCH_QUERY_ID_BASE") or "5000000000") + (os.time() % 1000000) * 10000

function setup(thread)
  thread:set("thread_base", (thread_count or 0) * 1000)
  thread_count = (thread_count or 0) + 1
end

local entries = {}
for i = 0, 1999 do
  entries[#entries + 1] = string.format(
    '{"arxiv_id":"2401.%05dv1","title":"A title of realistic length about result number %d","authors":"A. Author, B. Author, C. Author",' ..
    '"journal":"Phys. Rev. B 109, 045123 (2024)","doi":"10.1103/PhysRevB.109.%06d","primary_category":"cond-mat.str-el",' ..
    '"published":"2024-01-02T03:04:05Z","url":"http://arxiv.org/abs/2401.%05dv1"}', i, i, i, i)
end
local tail = ',"timestamp":1715014689,"results":[' .. table.concat(entries, ",") .. ']}'

function request()
  counter = counter + 1
  local body = '{"query_id":' .. string.format("%d", base + (thread_base or 0) + counter) .. tail
  return wrk.format("POST", "/write-results", {["Content-Type"] = "application/json"}, body)
end
