#!/usr/bin/env bash
# Clarification fan-out: starts `judge.jar serve` (embedded PostgreSQL, no judge workers), registers N
# contestants for one contest, opens one clarification event stream per contestant (N streams on one API
# process, which holds one LISTEN connection for all of them), then the jury posts R public announcements and
# one private answer. Reports how long each announcement takes from the POST until every stream has it
# (median and worst over R), and checks that the private answer reached its asker's stream only.
# Runs inside /work/shared/tools/contained (a throwaway network namespace: its own port space).
#   bench/api/clarification-fanout.sh [N] [R]    (default 1000 streams, 20 announcements; needs api/target/judge.jar)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
ulimit -n 65536 2>/dev/null || true
n=${1:-1000}
rounds=${2:-20}
tmp=$(mktemp -d /tmp/cpjudge-clar-bench.XXXXXX)
port=18581
java -Xmx512m -jar "$repo/api/target/judge.jar" serve --data "$tmp/data" --port $port --workers 0 \
  > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 240); do curl -s -o /dev/null localhost:$port/api/v1/languages && break; sleep 0.5; done
admin=$(cat "$tmp/data/admin-token")
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
curl -sf -X POST "localhost:$port/api/v1/problems?id=sum" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
python3 - "$port" "$admin" "$n" "$rounds" <<'PY'
import asyncio, json, statistics, sys, time, urllib.request
from datetime import datetime, timedelta, timezone
port, admin, n, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = f"http://127.0.0.1:{port}"

def call(method, path, token, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)

start = (datetime.now(timezone.utc) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
call("POST", "/api/v1/contests", admin, {"id": "fan", "name": "Fan-out", "start": start, "duration_minutes": 300,
                                         "scoring": "icpc", "problems": ["sum"], "freeze_minutes": 0, "rated": False})
tokens = []
for i in range(n):
    t = call("POST", "/api/v1/users", admin, {"handle": f"fan{i}", "kind": "human"})["token"]
    call("POST", "/api/v1/contests/fan/register", t, {})
    tokens.append(t)

received = [dict() for _ in range(n)]   # stream -> {clarification id: arrival time}

async def stream(i, ready):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((f"GET /api/v1/contests/fan/clarifications/stream HTTP/1.1\r\nHost: x\r\n"
                  f"Authorization: Bearer {tokens[i]}\r\nAccept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    while (await reader.readline()) not in (b"\r\n", b""):
        pass                              # response headers
    ready.set_result(None)
    while True:
        line = await reader.readline()
        if not line:
            return
        line = line.strip()
        # chunked transfer: chunk-size lines are hex, event lines carry the data
        if line.startswith(b"data: "):
            item = json.loads(line[6:])
            received[i].setdefault(item["id"], time.monotonic())

async def main():
    loop = asyncio.get_running_loop()
    readies = [loop.create_future() for _ in range(n)]
    tasks = [asyncio.create_task(stream(i, readies[i])) for i in range(n)]
    await asyncio.gather(*readies)
    await asyncio.sleep(1)
    latencies = []
    for r in range(rounds):
        t0 = time.monotonic()
        cid = (await loop.run_in_executor(None, call, "POST", "/api/v1/contests/fan/clarifications", admin,
                                           {"text": f"announcement {r}"}))["id"]
        while sum(1 for got in received if cid in got) < n:
            if time.monotonic() - t0 > 30:
                raise SystemExit(f"announcement {r}: only {sum(1 for got in received if cid in got)} of {n} streams had it after 30 s")
            await asyncio.sleep(0.002)
        latencies.append(max(got[cid] for got in received) - t0)
    q = (await loop.run_in_executor(None, call, "POST", "/api/v1/contests/fan/clarifications", tokens[0],
                                     {"problem": "sum", "text": "may a be negative?"}))["id"]
    a = (await loop.run_in_executor(None, call, "POST", "/api/v1/contests/fan/clarifications", admin,
                                     {"reply_to": q, "public": False, "text": "yes"}))["id"]
    marker = (await loop.run_in_executor(None, call, "POST", "/api/v1/contests/fan/clarifications", admin,
                                          {"text": "marker"}))["id"]
    t0 = time.monotonic()
    while sum(1 for got in received if marker in got) < n and time.monotonic() - t0 < 30:
        await asyncio.sleep(0.01)
    private_to = [i for i, got in enumerate(received) if a in got]
    question_to = [i for i, got in enumerate(received) if q in got]
    for t in tasks:
        t.cancel()
    ms = sorted(x * 1000 for x in latencies)
    print(f"streams={n} (one per registered contestant, one API process) announcements={rounds}")
    print(f"POST -> last of {n} streams: median {statistics.median(ms):.1f} ms, worst {ms[-1]:.1f} ms, best {ms[0]:.1f} ms")
    print(f"private answer delivered to streams {private_to} (expected [0]); its question to {question_to} (expected [0])")
    if private_to != [0] or question_to != [0]:
        raise SystemExit("a private clarification reached another contestant's stream")

asyncio.run(main())
PY
