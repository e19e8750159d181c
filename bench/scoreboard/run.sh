#!/usr/bin/env bash
# The live scoreboard at contest scale, on loopback: a private PostgreSQL 15, `judge.jar serve` with no judge
# workers (JUDGE_WORKERS=0), a running ICPC contest of 20,000 contestants x 12 problems with 150,000 submissions
# inserted straight into PostgreSQL (plus 40 still queued), then ScoreboardBench.java: page p50/p99 at 200
# reads/s with 1,000 SSE streams open, the whole board's time and size, verdicts written by SQL UPDATE timed to
# their arrival on every stream, and GET /health/live as the baseline in the same run. Prints figures.
# Runs itself inside /work/shared/tools/contained (a throwaway namespace with its own loopback).
#   [SERVER_JAVA_OPTS=-XX:+UseZGC] bench/scoreboard/run.sh [seconds=30] [rps=200] [streams=1000]   (needs api/target/judge.jar)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
ulimit -n 65536 2>/dev/null || ulimit -n 16384 2>/dev/null || true
seconds=${1:-30}; rps=${2:-200}; streams=${3:-1000}
contestants=20000; problems=12; submissions=150000
pgbin=/usr/lib/postgresql/15/bin
tmp=$(mktemp -d /tmp/cpjudge-board-bench.XXXXXX)
chown postgres:postgres "$tmp"
runuser -u postgres -- "$pgbin/initdb" -D "$tmp/pg" -U postgres -A trust --encoding=UTF8 --locale=C >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$tmp/pg" -w -l "$tmp/pg.log" \
  -o "-p 54331 -c listen_addresses=127.0.0.1 -k $tmp -c max_connections=200 -c fsync=off" start >/dev/null
port=18590
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$tmp/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
psql() { command psql -h 127.0.0.1 -p 54331 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
jdbc="jdbc:postgresql://127.0.0.1:54331/postgres"
JUDGE_WORKERS=0 JUDGE_ADMIN_TOKEN=bench-admin java -Xmx2g ${SERVER_JAVA_OPTS:-} -Xlog:gc:file="$tmp/gc.log" -jar "$repo/api/target/judge.jar" serve --data "$tmp/data" \
  --port $port --db-url "$jdbc" --db-user postgres --workers 0 > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do curl -sf localhost:$port/health/live >/dev/null && break; sleep 0.5; done
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
plist=""
for i in $(seq -w 1 $problems); do
  curl -sf -X POST "localhost:$port/api/v1/problems?id=p$i" -H "Authorization: Bearer bench-admin" \
    -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
  plist="$plist\"p$i\","
done
start=$(date -u -d '-100 minutes' +%Y-%m-%dT%H:%M:%SZ)
curl -sf -X POST "localhost:$port/api/v1/contests" -H "Authorization: Bearer bench-admin" -H 'Content-Type: application/json' \
  --data "{\"id\":\"bench\",\"name\":\"Bench\",\"start\":\"$start\",\"duration_minutes\":180,\"scoring\":\"icpc\",\"problems\":[${plist%,}],\"freeze_minutes\":0,\"rated\":false}" >/dev/null
t0=$(date +%s.%N)
psql <<SQL
INSERT INTO users (handle, kind, rating)
  SELECT 'u' || g, CASE WHEN g % 50 = 0 THEN 'ai' ELSE 'human' END,
         CASE WHEN g % 3 = 0 THEN NULL ELSE 800 + (g * 37) % 2400 END
  FROM generate_series(1, $contestants) g;
INSERT INTO contest_registrations (contest_id, user_id, affiliation)
  SELECT 'bench', id, 'University ' || (id % 300) FROM users WHERE handle ~ '^u[0-9]+$';
WITH base AS (SELECT min(id) AS first FROM users WHERE handle ~ '^u[0-9]+$'),
     picks AS (SELECT g, floor(random() * $contestants)::bigint AS who, 1 + floor(random() * $problems)::int AS p,
                      random() AS v, random() * 95 * 60 AS at FROM generate_series(1, $submissions) g)
INSERT INTO submissions (user_id, problem_id, language, files, contest_id, status, verdict, created_at)
  SELECT base.first + who, 'p' || lpad(p::text, 2, '0'), 'cpp', '[]'::jsonb, 'bench', 'done',
         CASE WHEN v < 0.35 THEN 'AC' WHEN v < 0.7 THEN 'WA' WHEN v < 0.85 THEN 'TLE' WHEN v < 0.93 THEN 'RTE' ELSE 'CE' END,
         timestamptz '$start' + at * interval '1 second'
  FROM picks, base;
-- the verdicts the benchmark writes while it runs: 40 queued tries by 40 contestants in the middle of the board,
-- on a problem they have not tried yet (a try after an accepted one would change nothing on the board)
DELETE FROM submissions WHERE problem_id = 'p12' AND user_id IN
  (SELECT (SELECT min(id) FROM users WHERE handle ~ '^u[0-9]+$') + 5000 + g * 97 FROM generate_series(1, 40) g);
INSERT INTO submissions (user_id, problem_id, language, files, contest_id, status, created_at)
  SELECT (SELECT min(id) FROM users WHERE handle ~ '^u[0-9]+$') + 5000 + g * 97, 'p12', 'cpp', '[]'::jsonb, 'bench',
         'queued', timestamptz '$start' + interval '96 minutes' + g * interval '1 second'
  FROM generate_series(1, 40) g;
ANALYZE;
SQL
echo "seeded $contestants contestants, $problems problems, $(psql -c "SELECT count(*) FROM submissions") submissions in $(echo "$(date +%s.%N) - $t0" | bc) s"
echo "machine: $(nproc) cores; the server, PostgreSQL and the load generator share them"
java -Xmx1g -cp "$repo/api/target/judge.jar" "$repo/bench/scoreboard/ScoreboardBench.java" $port "$jdbc" bench \
  "$seconds" "$rps" "$streams" "$server"
echo "server heap after the run: $(jcmd $server GC.heap_info 2>/dev/null | grep -m1 -i 'used' || echo n/a)"
python3 - "$tmp/gc.log" <<'PY'
import re, sys
pauses = [float(m) for m in re.findall(r"Pause.* (\d+\.\d+)ms", open(sys.argv[1]).read())]
pauses.sort()
if pauses:
    print(f"server GC pauses over the whole run: {len(pauses)}, total {sum(pauses):.0f} ms, longest {pauses[-1]:.1f} ms,"
          f" p50 {pauses[len(pauses) // 2]:.1f} ms")
PY
