-- wrk script of `make bench` (bench/load.py writes the request list and reads the result).
-- Arguments after "--": <requests file> <cookie header or "-"> <number of threads>.
-- Each line of the requests file is METHOD<TAB>PATH[<TAB>BODY[<TAB>HEADERS]] (HEADERS:
-- "Name: value;;Name: value"); thread n of N sends lines
-- n, n+N, n+2N, ... so that no two requests share a line (a captcha challenge is single-use).
-- Prints one line "BENCHJSON {...}" with the rate, latency percentiles and status classes.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  for line in io.lines(args[1]) do
    table.insert(lines, line)
  end
  cookie = args[2]
  nthreads = tonumber(args[3])
  position = id + 1
  ok, redirects, client_errors, server_errors, wrapped = 0, 0, 0, 0, 0
end

function request()
  if position > #lines then
    position = ((position - 1) % #lines) + 1
    wrapped = wrapped + 1
  end
  local method, path, rest = lines[position]:match("^(%u+)\t([^\t]+)\t?(.*)$")
  -- An optional fourth field: extra headers, "Name: value" separated by ";;".
  local body, extra = rest:match("^([^\t]*)\t(.*)$")
  if body == nil then
    body, extra = rest, ""
  end
  position = position + nthreads
  -- Visitors from many addresses, behind a proxy that appends theirs (the server trusts
  -- X-Forwarded-For in the benchmark): a per-address throttle counts each one, as it
  -- would in production, without refusing the whole benchmark as one client.
  local headers = {
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
                                        math.random(0, 255), math.random(1, 254)),
  }
  if cookie ~= "-" then
    headers["Cookie"] = cookie
  end
  for name, value in extra:gmatch("([^:;]+):%s*([^;]*);?;?") do
    headers[name] = value
  end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  else
    body = nil
  end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  elseif status >= 300 then
    redirects = redirects + 1
  else
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, redirects = 0, client_errors = 0, server_errors = 0, wrapped = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCHJSON {"requests": %d, "seconds": %.3f, "rate": %.2f, "p50_ms": %.2f, ' ..
    '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "ok": %d, "redirects": %d, ' ..
    '"client_errors": %d, "server_errors": %d, "socket_errors": %d, "wrapped": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    totals.ok, totals.redirects, totals.client_errors, totals.server_errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    totals.wrapped))
end
