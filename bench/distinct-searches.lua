-- GET /arxiv with a different title on every request, so that none is answered from arxiv-api's
-- cache: every request is a call to the arXiv stand-in, a query_id, and two writes. The titles begin with
-- the second this wrk started (and BENCH_TITLE_PREFIX), so that a run does not repeat the titles of the
-- warm-up before it, which the cache would answer.
local counter = 0
local thread_number = 0
local threads = 0
local prefix = (os.getenv("BENCH_TITLE_PREFIX") or "") .. tostring(os.time())

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/arxiv?max_results=10&title=bench" .. prefix .. "t" .. thread_number .. "x" .. counter)
end
