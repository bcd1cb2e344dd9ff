package redisstore

import "github.com/redis/go-redis/v9"

// The Lua scripts of the store. Each runs atomically in Redis and costs one
// round trip: a read that follows an index to a key's session, a page of a
// list, or a commit with the checks it depends on. They read and write keys
// they build from the prefix (ARGV[1]) rather than declare in KEYS, so the
// store needs one Redis, not a cluster.

// luaSessionOf is the Lua function giving the Redis key of the session of
// hash h whose meta record is m (JSON): orgkey.<org> for an org's own key
// (its id is its org id), else apikey-<h>.
const luaSessionOf = `
local function session_of(h, m)
  local md = cjson.decode(m)
  if md.id == md.org_id then return 'orgkey.' .. md.org_id, md end
  return 'apikey-' .. h, md
end
`

// loadScript follows ARGV[3..] to keys. ARGV[2] says what they are: "h"
// hashes, "i" key ids, "u" <org>\x00<user name> of basic-auth keys. For
// each it returns three values: the hash (false when the index has none),
// the meta record and the session (false when missing: never written,
// deleted, or expired).
var loadScript = redis.NewScript(luaSessionOf + `
local p, mode = ARGV[1], ARGV[2]
local out = {}
for i = 3, #ARGV do
  local h = ARGV[i]
  if mode == 'i' then h = redis.call('GET', p .. 'id:' .. h)
  elseif mode == 'u' then h = redis.call('GET', p .. 'u:' .. h) end
  local m, s = false, false
  if h then
    m = redis.call('GET', p .. 'k:' .. h)
    if m then s = redis.call('GET', (session_of(h, m))) end
  else
    h = false
  end
  out[#out + 1] = h
  out[#out + 1] = m
  out[#out + 1] = s
end
return out
`)

// pageScript reads one page of the sorted set ARGV[2], ranks ARGV[3] to
// ARGV[4], in reverse when ARGV[5] is "1": the set's size, then three values
// per member as loadScript returns them.
var pageScript = redis.NewScript(luaSessionOf + `
local p, set = ARGV[1], ARGV[2]
local hs
if ARGV[5] == '1' then
  hs = redis.call('ZREVRANGE', set, ARGV[3], ARGV[4])
else
  hs = redis.call('ZRANGE', set, ARGV[3], ARGV[4])
end
local out = {redis.call('ZCARD', set)}
for _, h in ipairs(hs) do
  local m = redis.call('GET', p .. 'k:' .. h)
  local s = false
  if m then s = redis.call('GET', (session_of(h, m))) end
  out[#out + 1] = h
  out[#out + 1] = m
  out[#out + 1] = s
end
return out
`)

// commitScript checks, then writes, a transaction. ARGV[2] is the number of
// checks, four values each: a key id, a hash and a basic-auth user index key
// ("" for none) that no live key may hold, and the org of that user. A key
// is live when its meta record and its session both exist. The first check
// that fails returns {what, value} and nothing is written. Then ARGV holds
// the number of keys that take a new creation number (the counter grows by
// that much; "+n" below is the n-th of them) and the writes, each as its
// argument count followed by the command:
//
//	DEL / ZREM / MSET / SET ...   as in Redis
//	SETM key json seq ttl         SET key json..seq..'}' PX ttl: a meta record
//	                              with its creation number
//	MSETM key json seq ...        the same for records without a TTL, in one MSET
//	ZADD key seq member ...
//
// Writes of many keys come grouped (one MSET, one ZADD per sorted set), so
// that a batch costs few calls. It returns 0.
var commitScript = redis.NewScript(luaSessionOf + `
local p = ARGV[1]
local function live(h)
  local m = redis.call('GET', p .. 'k:' .. h)
  if not m then return nil end
  local sk, md = session_of(h, m)
  if redis.call('EXISTS', sk) == 0 then return nil end
  return md
end
local i = 2
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local id, h, ukey, org = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  i = i + 4
  if id ~= '' then
    local ih = redis.call('GET', p .. 'id:' .. id)
    if ih then
      local md = live(ih)
      if md and md.id == id then return {'id', id} end
    end
  end
  if h ~= '' and live(h) then return {'hash', h} end
  if ukey ~= '' then
    local uh = redis.call('GET', ukey)
    if uh then
      local md = live(uh)
      if md and md.org_id == org then return {'user', ukey} end
    end
  end
end
local fresh = tonumber(ARGV[i]); i = i + 1
local base = 0
if fresh > 0 then base = redis.call('INCRBY', p .. 'seq', fresh) - fresh end
local function seq(tok)
  if string.sub(tok, 1, 1) == '+' then return base + tonumber(string.sub(tok, 2)) end
  return tonumber(tok)
end
while i <= #ARGV do
  local argc = tonumber(ARGV[i]); i = i + 1
  local cmd = ARGV[i]
  if cmd == 'SETM' then
    redis.call('SET', ARGV[i + 1], ARGV[i + 2] .. string.format('%d', seq(ARGV[i + 3])) .. '}', 'PX', ARGV[i + 4])
  elseif cmd == 'MSETM' then
    local t = {}
    for j = i + 1, i + argc - 1, 3 do
      t[#t + 1] = ARGV[j]
      t[#t + 1] = ARGV[j + 1] .. string.format('%d', seq(ARGV[j + 2])) .. '}'
    end
    redis.call('MSET', unpack(t))
  elseif cmd == 'ZADD' then
    local t = {}
    for j = i + 2, i + argc - 1, 2 do
      t[#t + 1] = seq(ARGV[j])
      t[#t + 1] = ARGV[j + 1]
    end
    redis.call('ZADD', ARGV[i + 1], unpack(t))
  else
    redis.call(unpack(ARGV, i, i + argc - 1))
  end
  i = i + argc
end
return 0
`)
