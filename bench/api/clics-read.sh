#!/usr/bin/env bash
# Read cost of the Contest API (/clics) on a contest of T teams x 12 problems with S judged submissions (one test
# result each), written straight into PostgreSQL so nothing has to be judged. Starts `judge.jar serve` (embedded
# PostgreSQL, one judge worker, which stays idle), then times each endpoint R times as the public and as an
# administrator and prints the median and the largest time and the answer's size. Every read rebuilds its answer
# from PostgreSQL (the API keeps no cache), so these are the costs one reader, or one open event feed per poll,
# puts on the server. Runs itself inside /work/shared/tools/contained.
#   bench/api/clics-read.sh [T] [S] [R]     (default 1000 10000 5; needs api/target/judge.jar)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
teams=${1:-1000}
subs=${2:-10000}
reps=${3:-5}
tmp=$(mktemp -d /tmp/cpjudge-clics.XXXXXX)
chmod 755 "$tmp"
port=18581
java -jar "$repo/api/target/judge.jar" serve --data "$tmp/data" --port $port --workers 1 > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 240); do curl -sf localhost:$port/health/ready >/dev/null && break; sleep 0.5; done
admin=$(cat "$tmp/data/admin-token")
pgport=$(grep -o 'embedded PostgreSQL listens on 127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1 | sed 's/.*://')
export PGPASSWORD=$(cat "$tmp/data/postgres/password")
sql() { psql -q -h 127.0.0.1 -p "$pgport" -U postgres -d judge -v ON_ERROR_STOP=1 "$@"; }
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
problems=""
for p in a b c d e f g h i j k l; do
  curl -sf -X POST "localhost:$port/api/v1/problems?id=p$p" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
  problems="$problems\"p$p\","
done
start=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:%SZ)
curl -sf -X POST "localhost:$port/api/v1/contests" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"id\":\"bench\",\"name\":\"Bench\",\"start\":\"$start\",\"duration_minutes\":150,\"scoring\":\"icpc\",\"freeze_minutes\":60,\"problems\":[${problems%,}]}" >/dev/null
sql <<SQL
INSERT INTO users (handle, kind) SELECT 'team' || i, CASE WHEN i % 10 = 0 THEN 'ai' ELSE 'human' END FROM generate_series(1, $teams) i;
INSERT INTO contest_registrations (contest_id, user_id, display_name, affiliation)
  SELECT 'bench', id, 'Team ' || handle, 'Org ' || (id % 100) FROM users WHERE handle LIKE 'team%';
INSERT INTO submissions (user_id, problem_id, language, files, contest_id, status, verdict, created_at, judged_at, time_ms)
  SELECT u.id, 'p' || chr(97 + (i % 12)), 'python3', '[{"name":"a.py","content":"print(1)"}]', 'bench', 'done',
         (ARRAY['AC','WA','TLE','CE'])[1 + (i * 7919) % 4],
         timestamptz '$start' + make_interval(secs => (i::double precision / $subs) * 7000),
         timestamptz '$start' + make_interval(secs => (i::double precision / $subs) * 7000 + 2), 10
  FROM generate_series(1, $subs) i JOIN users u ON u.handle = 'team' || (1 + (i * 31) % $teams);
INSERT INTO submission_testcases (submission_id, ordinal, name, verdict, time_ms, memory_kb)
  SELECT id, 0, '1', verdict, 10, 1000 FROM submissions WHERE contest_id = 'bench' AND verdict <> 'CE';
SQL
echo "teams=$teams submissions=$subs problems=12 (the contest runs, in its freeze: the last 26 minutes of tries are hidden from the public); $reps reads each"
for who in public admin; do
  auth=()
  [ "$who" = admin ] && auth=(-H "Authorization: Bearer $admin")
  for ep in state teams submissions judgements runs scoreboard awards "event-feed?stream=false"; do
    times=()
    size=0
    for _ in $(seq 1 "$reps"); do
      out=$(curl -sf "${auth[@]}" -o /dev/null -w '%{time_total} %{size_download}' "localhost:$port/clics/contests/bench/$ep")
      times+=("${out% *}")
      size=${out#* }
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    median=$(echo "$sorted" | sed -n "$(( (reps + 1) / 2 ))p")
    max=$(echo "$sorted" | tail -1)
    printf '%-7s %-24s median %6.0f ms  max %6.0f ms  %9d bytes\n' "$who" "$ep" \
      "$(echo "$median * 1000" | bc)" "$(echo "$max * 1000" | bc)" "$size"
  done
done
