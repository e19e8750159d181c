#!/usr/bin/env bash
# Intake: how many POST /api/v1/submissions per second the API acknowledges (202, durable in PostgreSQL) and
# at what latency, measured with wrk on loopback against `judge.jar serve` (embedded PostgreSQL) with W local
# judge workers (default 0: intake alone; with 0 the API must know languages from before or from
# configuration). In the same run it measures a trivial endpoint (GET /health/live) with the same wrk settings
# as the baseline of this machine, then counts the rows: every 202 must be a stored submission. Runs itself
# inside /work/shared/tools/contained.
#   bench/api/intake.sh [CONNECTIONS] [SECONDS] [WORKERS]   (default 16 10 0; needs api/target/judge.jar, wrk)
#   JAR=other.jar bench/api/intake.sh ...   measures another build (an A/B comparison on the same machine)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
conns=${1:-16}
secs=${2:-10}
workers=${3:-0}
tmp=$(mktemp -d /tmp/cpjudge-intake.XXXXXX)
chmod 755 "$tmp"
port=18582
# the rate limits are per token and address, and this is one token on one address: off for the measurement
JUDGE_LANGUAGES=${JUDGE_LANGUAGES:-python3} JUDGE_RATE_PER_TOKEN=off JUDGE_RATE_PER_ADDRESS=off \
  JUDGE_SUBMIT_RATE_PER_TOKEN=off JUDGE_SUBMIT_RATE_PER_ADDRESS=off \
  java -jar "${JAR:-$repo/api/target/judge.jar}" serve --data "$tmp/data" --port $port --workers "$workers" \
  > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 240); do curl -s -o /dev/null localhost:$port/health/live && break; sleep 0.5; done
sleep 2
admin=$(cat "$tmp/data/admin-token")
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
curl -sf -X POST "localhost:$port/api/v1/problems?id=sum" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
token=$(curl -sf -X POST "localhost:$port/api/v1/users" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"handle":"bench_intake","kind":"human"}' | sed 's/.*"token" *: *"\([^"]*\)".*/\1/')
cat > "$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"problem":"sum","language":"python3","files":[{"name":"a.py","content":"a, b = map(int, input().split())\\\\nprint(a + b)\\\\n"}]}'
accepted = 0
response = function(status, headers, body) if status == 202 then accepted = accepted + 1 end end
LUA
echo "wrk -t2 -c$conns -d${secs}s on loopback, $workers judge worker(s), $(nproc) cores"
echo "-- baseline: GET /health/live"
wrk -t2 -c"$conns" -d"${secs}s" --latency "http://localhost:$port/health/live" | grep -E "Requests/sec|50%|99%|Non-2xx"
# CPU seconds (user + system) of the server's JVM, of PostgreSQL's processes and of wrk, over the POST phase
cpu_of() { local t=0; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $t; }
postgres_pids() { pgrep -f 'postgres' | tr '\n' ' '; }
echo "-- POST /api/v1/submissions"
java0=$(cpu_of $server); pg0=$(cpu_of $(postgres_pids)); all0=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8}' /proc/stat)
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$tmp/post.lua" "http://localhost:$port/api/v1/submissions" \
  | tee "$tmp/wrk.txt" | grep -E "Requests/sec|50%|99%|Non-2xx|requests in"
java1=$(cpu_of $server); pg1=$(cpu_of $(postgres_pids)); all1=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8}' /proc/stat)
hz=$(getconf CLK_TCK)
echo "cpu seconds over the POST phase: server JVM $(( (java1 - java0) / hz )).$(( (java1 - java0) % hz )), PostgreSQL (its live processes) $(( (pg1 - pg0) / hz )).$(( (pg1 - pg0) % hz )), whole machine $(( (all1 - all0) / hz ))"
pgport=$(grep -o 'embedded PostgreSQL listens on 127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1 | sed 's/.*://')
export PGPASSWORD=$(cat "$tmp/data/postgres/password")
stored=$(psql -qtA -h 127.0.0.1 -p "$pgport" -U postgres -d judge -c \
  "SELECT count(*) FROM submissions s JOIN users u ON u.id = s.user_id WHERE u.handle = 'bench_intake'")
sent=$(grep -o '[0-9]* requests in' "$tmp/wrk.txt" | cut -d' ' -f1)
non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$tmp/wrk.txt" | grep -o '[0-9]*$' || echo 0)
echo "requests $sent, non-2xx ${non2xx:-0}, stored submissions $stored (every 202 must be stored)"
