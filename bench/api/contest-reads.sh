#!/usr/bin/env bash
# Reads during a contest: GET /api/v1/submissions/{id} (a contestant reading their own submission's status),
# the public scoreboard (JSON) and the contest's web page, each with wrk on loopback for S seconds at C
# connections, while one judge worker keeps judging a stream of new contest submissions (a background client
# sends one every 50 ms). The trivial endpoint (GET /health/live) is measured in the same run as this machine's
# baseline. Rate limits are off (one token on one address). Runs itself inside /work/shared/tools/contained.
#   bench/api/contest-reads.sh [CONNECTIONS] [SECONDS]   (default 16 10; needs api/target/judge.jar, wrk)
#   JAR=other.jar bench/api/contest-reads.sh ...   measures another build (an A/B comparison in one sitting)
#   RATE=N bench/api/contest-reads.sh ...   the offered rate of the paced measurements (default 2000/s)
#   JAVA_OPTS='-Xlog:gc:file=/tmp/gc.log' bench/api/contest-reads.sh ...   options for the server's JVM (here, to
#     see whether a slow phase lines up with collector pauses; the log is written where the option says)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
conns=${1:-16}
secs=${2:-10}
tmp=$(mktemp -d /tmp/cpjudge-reads.XXXXXX)
chmod 755 "$tmp"
port=18583
JUDGE_RATE_PER_TOKEN=off JUDGE_RATE_PER_ADDRESS=off JUDGE_SUBMIT_RATE_PER_TOKEN=off \
  JUDGE_SUBMIT_RATE_PER_ADDRESS=off \
  java ${JAVA_OPTS:-} -jar "${JAR:-$repo/api/target/judge.jar}" serve --data "$tmp/data" --port $port --workers 1 > "$tmp/serve.log" 2>&1 &
server=$!
feeder=
trap 'kill $feeder 2>/dev/null; kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 240); do curl -sf localhost:$port/health/ready >/dev/null && break; sleep 0.5; done
admin=$(cat "$tmp/data/admin-token")
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
curl -sf -X POST "localhost:$port/api/v1/problems?id=sum" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
start=$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ)
curl -sf -X POST "localhost:$port/api/v1/contests" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"id\":\"reads\",\"name\":\"Reads\",\"start\":\"$start\",\"duration_minutes\":300,\"scoring\":\"icpc\",\"problems\":[\"sum\"]}" >/dev/null
user() {
  curl -sf -X POST "localhost:$port/api/v1/users" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"handle\":\"$1\",\"kind\":\"human\"}" | sed 's/.*"token" *: *"\([^"]*\)".*/\1/'
}
reader=$(user reader)
curl -sf -X POST "localhost:$port/api/v1/contests/reads/register" -H "Authorization: Bearer $reader" >/dev/null
body='{"problem":"sum","contest":"reads","language":"python3","files":[{"name":"a.py","content":"a, b = map(int, input().split())\nprint(a + b)\n"}]}'
id=$(curl -sf -X POST "localhost:$port/api/v1/submissions" -H "Authorization: Bearer $reader" \
  -H 'Content-Type: application/json' -d "$body" | sed 's/.*"id" *: *"\([^"]*\)".*/\1/')
for i in $(seq 1 20); do
  t=$(user "team$i")
  curl -sf -X POST "localhost:$port/api/v1/contests/reads/register" -H "Authorization: Bearer $t" >/dev/null
  echo "$t" >> "$tmp/teams"
done
# judging goes on throughout: a team submits every 50 ms
( while true; do
    for t in $(cat "$tmp/teams"); do
      curl -s -o /dev/null -X POST "localhost:$port/api/v1/submissions" -H "Authorization: Bearer $t" \
        -H 'Content-Type: application/json' -d "$body"
      sleep 0.05
    done
  done ) &
feeder=$!
sleep 3
measure() {
  echo "-- $1"
  shift
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" | grep -E "Requests/sec|50%|99%|Non-2xx"
}
echo "wrk -t2 -c$conns -d${secs}s on loopback, 1 judge worker judging a submission every 50 ms, $(nproc) cores"
measure "baseline: GET /health/live" "http://localhost:$port/health/live"
measure "GET /api/v1/submissions/{id} (its author)" -H "Authorization: Bearer $reader" \
  "http://localhost:$port/api/v1/submissions/$id"
measure "GET /api/v1/contests/reads/scoreboard" "http://localhost:$port/api/v1/contests/reads/scoreboard"
measure "GET /contests/reads (the page)" "http://localhost:$port/contests/reads"
# The goal is a latency at a given rate, not at saturation: above, wrk sends as fast as the server answers and,
# on 2 cores shared with the server, the judging and wrk itself, p99 is mostly queueing. Here each of wrk's 2
# threads sends on a schedule of RATE/2 requests/s (a request leaves when it is due and one of the thread's
# connections is free: wrk's delay(), timed by gettimeofday through LuaJIT's ffi), so the server is offered about
# RATE requests/s whatever its latency; the rate reached is printed.
rate=${RATE:-2000}
paced_conns=32
cat > "$tmp/paced.lua" <<LUA
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_usec; } cpj_timeval; int gettimeofday(cpj_timeval *tv, void *tz); ]]
local tv = ffi.new("cpj_timeval")
local function now_ms() ffi.C.gettimeofday(tv, nil); return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000 end
local interval = 2 * 1000 / $rate
local next_at = nil
function delay()
  local t = now_ms()
  -- a schedule fallen more than a second behind starts again from now rather than sending a burst
  if next_at == nil or next_at < t - 1000 then next_at = t end
  next_at = next_at + interval
  local d = next_at - t
  if d < 0 then return 0 end
  return math.floor(d)
end
LUA
paced() {
  echo "-- paced at $rate/s offered, $paced_conns connections: $1"
  shift
  wrk -t2 -c"$paced_conns" -d"${secs}s" --latency -s "$tmp/paced.lua" "$@" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
}
paced "GET /api/v1/submissions/{id} (its author)" -H "Authorization: Bearer $reader" \
  "http://localhost:$port/api/v1/submissions/$id"
paced "GET /api/v1/contests/reads/scoreboard" "http://localhost:$port/api/v1/contests/reads/scoreboard"
paced "GET /contests/reads (the page)" "http://localhost:$port/contests/reads"
pgport=$(grep -o 'embedded PostgreSQL listens on 127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1 | sed 's/.*://')
export PGPASSWORD=$(cat "$tmp/data/postgres/password")
psql -qtA -h 127.0.0.1 -p "$pgport" -U postgres -d judge -c \
  "SELECT 'contest submissions judged meanwhile: ' || count(*) FILTER (WHERE status = 'done') || ' of ' || count(*)
     FROM submissions WHERE contest_id = 'reads'"
