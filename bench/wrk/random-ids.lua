-- wrk script: GET a path per request, with "{id}" replaced by an id drawn uniformly at random from a file
-- (one id a line), and a JSON summary written at the end.
--   WRK_SUMMARY=out.json wrk ... -s random-ids.lua URL -- PATH [IDSFILE]
-- Arguments reach only the threads' init(); done() runs in wrk's main Lua state, so the summary file is named
-- by the environment variable WRK_SUMMARY.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
end

local prefix, suffix, ids, n

function init(args)
  local path = args[1] or "/"
  local file = args[2]
  math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919)
  local s, e = string.find(path, "{id}", 1, true)
  if s and file and file ~= "" then
    prefix, suffix = string.sub(path, 1, s - 1), string.sub(path, e + 1)
    ids, n = {}, 0
    for line in io.lines(file) do
      if line ~= "" then n = n + 1; ids[n] = line end
    end
    assert(n > 0, "no ids in " .. file)
  else
    prefix, suffix, ids, n = path, "", nil, 0
  end
  fixed = wrk.format("GET", path)
end

function request()
  if n == 0 then return fixed end
  return wrk.format("GET", prefix .. ids[math.random(n)] .. suffix)
end

function done(summary, latency, requests)
  local out = os.getenv("WRK_SUMMARY")
  local f = assert(io.open(out, "w"))
  local e = summary.errors
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, "status_errors": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
  f:close()
end
