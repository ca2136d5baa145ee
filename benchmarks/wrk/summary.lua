-- wrk script for GET /summary: Bearer token; with COND=1, If-None-Match with the last ETag seen
-- (per wrk thread). Prints p50/p95/p99/max and the count of 304 answers.
local conditional = os.getenv("COND") == "1"
local token = "Bearer summary-load-test-token"
local etag = nil
notModified = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  if conditional and etag then
    return wrk.format("GET", wrk.path, { ["Authorization"] = token, ["If-None-Match"] = etag })
  end
  return wrk.format("GET", wrk.path, { ["Authorization"] = token })
end

function response(status, headers, body)
  if status == 304 then
    notModified = notModified + 1
  elseif status == 200 then
    for name, value in pairs(headers) do
      if string.lower(name) == "etag" then etag = value end
    end
  end
end

function done(summary, latency, requests)
  local nm = 0
  for _, t in ipairs(threads) do nm = nm + t:get("notModified") end
  io.write(string.format("WRK n=%d (%.0f/s, %d x 304, %d errors) p50=%.2f p95=%.2f p99=%.2f max=%.2f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6), nm,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
