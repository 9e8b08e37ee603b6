package redisstore

import "github.com/redis/go-redis/v9"

// prelude is the Lua every script starts with: it reads and writes the two
// kinds of limitstore.Counter with the arithmetic limitstore.Memory uses.
//
// A windowed counter is a string holding an integer, expiring at its
// window's end (ARGV expire, Unix milliseconds). A bucket is a hash: v, its
// spend at time t (milliseconds on the Redis server's clock, which every
// worker shares, so their own clocks' skew never matters), and r, its drain
// per millisecond; it expires when it has drained. ARGV holds four values
// per key: add, max, expire, refill in milliseconds (0: a windowed
// counter).
const prelude = `
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000 + tonumber(tm[2]) / 1000
local function arg(i, j) return tonumber(ARGV[4*(i-1)+j]) end
local function isbucket(i) return arg(i, 4) > 0 end

-- read returns counter i's value (a bucket's spend drained to now,
-- unrounded) and, for a bucket, its clock.
local function read(i)
  local k = KEYS[i]
  local ty = redis.call('TYPE', k)['ok']
  if ty ~= 'none' and (ty == 'hash') ~= isbucket(i) then
    return redis.error_reply('limitstore: key holds the other kind of counter: ' .. k)
  end
  if not isbucket(i) then
    return tonumber(redis.call('GET', k) or '0'), 0
  end
  local h = redis.call('HMGET', k, 'v', 't')
  if not h[1] then return 0, now end
  local v, t = tonumber(h[1]), tonumber(h[2])
  if now > t then
    v = math.max(0, v - (now - t) * arg(i, 2) / arg(i, 4))
    t = now
  end
  return v, t
end

-- write stores v as bucket i's spend at its clock t and returns it as the
-- store reports it (rounded up).
local function write(i, v, t)
  local k = KEYS[i]
  v = math.max(0, v)
  local rate = arg(i, 2) / arg(i, 4)
  redis.call('HSET', k, 'v', string.format('%.17g', v), 't', string.format('%.17g', t), 'r', string.format('%.17g', rate))
  redis.call('PEXPIREAT', k, math.ceil(t + v / rate) + 1)
  return math.ceil(v)
end

-- addto adds counter i's add to it: a windowed counter with INCRBY, exact
-- for any int64, expiring at its window's end.
local function addto(i, vs, ts)
  if isbucket(i) then return write(i, vs[i] + arg(i, 1), ts[i]) end
  local v = redis.call('INCRBY', KEYS[i], ARGV[4*(i-1)+1])
  redis.call('PEXPIREAT', KEYS[i], ARGV[4*(i-1)+3])
  return v
end

-- raiseto sets counter i to at least its add.
local function raiseto(i, vs, ts)
  if isbucket(i) then
    write(i, math.max(vs[i], arg(i, 1)), ts[i])
  elseif arg(i, 1) > vs[i] then
    redis.call('SET', KEYS[i], ARGV[4*(i-1)+1], 'PXAT', ARGV[4*(i-1)+3])
  end
end

local function report(i, v)
  if isbucket(i) then return math.ceil(v) end
  return v
end

-- load reads every counter, or returns the error reply of the first that
-- holds the other kind.
local function load()
  local vs, ts = {}, {}
  for i = 1, #KEYS do
    local v, t = read(i)
    if type(v) == 'table' then return nil, nil, v end
    vs[i], ts[i] = v, t
  end
  return vs, ts, nil
end
`

// takeScript checks every counter, then adds all or none. It returns
// {refused, value1, value2, ...}, refused being the 0-based index of the
// first counter over its max, or -1.
var takeScript = redis.NewScript(prelude + `
local vs, ts, e = load()
if e then return e end
local refused = -1
for i = 1, #KEYS do
  local add, max = arg(i, 1), arg(i, 2)
  if max > 0 and add > 0 and vs[i] + add > max then
    refused = i - 1
    break
  end
end
local out = {refused}
for i = 1, #KEYS do
  if refused < 0 then
    out[i+1] = addto(i, vs, ts)
  else
    out[i+1] = report(i, vs[i])
  end
end
return out
`)

// addScript adds unconditionally.
var addScript = redis.NewScript(prelude + `
local vs, ts, e = load()
if e then return e end
for i = 1, #KEYS do addto(i, vs, ts) end
return 0
`)

// raiseScript sets every counter to at least its add and returns the
// values before.
var raiseScript = redis.NewScript(prelude + `
local vs, ts, e = load()
if e then return e end
local out = {}
for i = 1, #KEYS do
  out[i] = report(i, vs[i])
  raiseto(i, vs, ts)
end
return out
`)

// getScript reads keys of either kind: a bucket drains at the rate it was
// last written with.
var getScript = redis.NewScript(`
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000 + tonumber(tm[2]) / 1000
local out = {}
for i = 1, #KEYS do
  local k = KEYS[i]
  local ty = redis.call('TYPE', k)['ok']
  local v = 0
  if ty == 'string' then
    v = tonumber(redis.call('GET', k)) or -1
  elseif ty == 'hash' then
    local h = redis.call('HMGET', k, 'v', 't', 'r')
    v = tonumber(h[1])
    if now > tonumber(h[2]) then v = math.max(0, v - (now - tonumber(h[2])) * tonumber(h[3])) end
    v = math.ceil(v)
  end
  out[i] = v
end
return out
`)
