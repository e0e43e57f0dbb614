-- POST /write-results of 2,000 results to backend-results, each request for a new query_id, so every
-- request inserts 2,000 rows (a repeated query_id would be an idempotent no-op).
local counter = 0
local thread_number = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local entries = {}
for i = 0, 1999 do
  entries[#entries + 1] = string.format(
    '{"arxiv_id":"2401.%05dv1","title":"A title of realistic length about result number %d","authors":"A. Author, B. Author, C. Author",' ..
    '"journal":"Phys. Rev. B 109, 045123 (2024)","doi":"10.1103/PhysRevB.109.%06d","primary_category":"cond-mat.str-el",' ..
    '"published":"2024-01-02T03:04:05Z","url":"http://arxiv.org/abs/2401.%05dv1"}', i, i, i, i)
end
local tail = ',"timestamp":1715014689,"results":[' .. table.concat(entries, ",") .. ']}'
local base = tonumber(os.getenv("BENCH_QUERY_ID_BASE") or "900000000")

function request()
  counter = counter + 1
  local body = '{"query_id":' .. (base + thread_number * 1000000 + counter) .. tail
  return wrk.format("POST", "/write-results", {["Content-Type"] = "application/json"}, body)
end
