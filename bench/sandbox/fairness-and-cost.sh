#!/usr/bin/env bash
# Fair cores and the cost of a judged test (issue 13's goals: spread under 2 %, one judged test at most 2x a bare
# fork+exec). Runs itself inside /work/shared/tools/contained, as root.
#   bench/sandbox/fairness-and-cost.sh [spread|cost|both] (default both)
# spread: the CPU time of one ~300 ms CPU-bound C program (spin.c) over $RUNS runs (30) in a sandbox slot alone
#   and while the other slot burns a core, with the slots pinned (--cpus 1 and --cpus 0) and not pinned; the
#   supervisor is built from this checkout's sandbox/src/main/c/*.c (spread.c drives it).
# cost: judge.jar serve (embedded PostgreSQL) with --workers 2 --box-cores 0-1; a problem with $TESTS tiny tests
#   (200; a+b); a C solution judged once to fill the compile cache, then judged alone (latency: judging time and
#   submission-to-verdict over the tests) and $PAR times at once (2: throughput of both workers); against a bare
#   fork+exec of the same binary on one of the test inputs (bare.c), measured in the same run, sequential and
#   $PAR at once. Needs api/target/judge.jar (mvn -o -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
what=${1:-both}
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
tmp=$(mktemp -d /tmp/cpjudge-fair.XXXXXX)
server=""
trap '[ -n "$server" ] && { kill $server 2>/dev/null; wait $server 2>/dev/null || true; }; rm -rf "$tmp"' EXIT
cc=${CC:-cc}
$cc -std=gnu11 -O2 -o "$tmp/spin" "$here/spin.c"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); cpus $(grep Cpus_allowed_list /proc/self/status | cut -f2)"

if [ "$what" = spread ] || [ "$what" = both ]; then
  $cc -std=gnu11 -O2 -Wall -Wextra -Wno-format-truncation -o "$tmp/supervisor" "$repo"/sandbox/src/main/c/*.c
  $cc -std=gnu11 -O2 -Wall -o "$tmp/spread" "$here/spread.c" -lm
  mkdir -p "$tmp/state" "$tmp/a" "$tmp/b"
  chmod 700 "$tmp/state"
  cp "$tmp/spin" "$tmp/a/spin"
  cp "$tmp/spin" "$tmp/b/spin"
  echo "== (a) CPU-time spread, ${RUNS:-30} runs per series"
  "$tmp/spread" "$tmp/state" "$tmp/a" "$tmp/b" "$tmp/spin" "${RUNS:-30}" "$tmp/supervisor" 1 0
  "$tmp/spread" "$tmp/state" "$tmp/a" "$tmp/b" "$tmp/spin" "${RUNS:-30}" "$tmp/supervisor" - -
fi

if [ "$what" = cost ] || [ "$what" = both ]; then
  tests=${TESTS:-200}
  par=${PAR:-2}
  port=18590
  jar=${JAR:-$repo/api/target/judge.jar}
  cores_flag=(--box-cores "${BOX_CORES:-0-1}")
  [ "${BOX_CORES:-}" = none ] && cores_flag=() # a judge.jar from before the setting
  [ -f "$jar" ] || { echo "no $jar: mvn -B -q -o -DskipTests package" >&2; exit 1; }
  $cc -std=gnu11 -O2 -o "$tmp/bare" "$here/bare.c"
  pkg=$tmp/pkg/tiny
  mkdir -p "$pkg/data/secret" "$pkg/data/sample"
  printf 'name: Tiny Sum\nlimits:\n  time_limit: 1\n  memory: 256\n' > "$pkg/problem.yaml"
  printf '1 2\n' > "$pkg/data/sample/1.in"; printf '3\n' > "$pkg/data/sample/1.ans"
  for i in $(seq 1 "$tests"); do
    printf '%d %d\n' "$i" "$((i * 7))" > "$pkg/data/secret/$i.in"
    printf '%d\n' "$((i * 8))" > "$pkg/data/secret/$i.ans"
  done
  (cd "$tmp/pkg" && jar -cfM "$tmp/tiny.zip" tiny)
  src='#include <stdio.h>
int main(void){long long a,b;if(scanf("%lld %lld",&a,&b)!=2)return 1;printf("%lld\n",a+b);return 0;}
'
  printf '%s' "$src" > "$tmp/sum.c"
  $cc -O2 -o "$tmp/sum" "$tmp/sum.c"
  java ${JAVA_OPTS:-} -jar "$jar" serve --data "$tmp/data" --port $port --workers 2 "${cores_flag[@]}" > "$tmp/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do curl -sf -m 5 localhost:$port/health/ready >/dev/null && break; sleep 0.5; done
  grep -m1 -o 'sandbox: .*' "$tmp/serve.log" | sed 's/^/  /' | cut -c1-400 || true
  admin=$(cat "$tmp/data/admin-token")
  curl -sf -X POST "localhost:$port/api/v1/problems?id=tiny" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/zip' --data-binary @"$tmp/tiny.zip" >/dev/null
  echo "== (b) one judged test of a compiled C program, $tests tests, 2 workers on cores 0-1"
  if [ -n "${PROFILE:-}" ]; then # where a worker's time goes: the judge-worker stacks every 100 ms, judging alone
    (sleep 6; for i in $(seq 1 80); do jstack $server > "$tmp/stack-$i.txt" 2>/dev/null; sleep 0.1; done) &
    profiler=$!
  fi
  python3 - "$port" "$admin" "$tests" "$par" "$tmp/sum.c" "$tmp/serve.log" <<'PY'
import json, re, sys, time, urllib.request
port, token, tests, par, src, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
base = f"http://127.0.0.1:{port}"
source = open(src).read()
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
def submit():
    return call("POST", "/api/v1/submissions", {"problem": "tiny", "language": "c",
                                               "files": [{"name": "sum.c", "content": source}]})["id"]
def wait(ids):
    for sid in ids:
        while True:
            s = call("GET", "/api/v1/submissions/" + sid)
            if s["status"] == "done":
                assert s["verdict"] == "AC", s
                break
            time.sleep(0.01)
def judging_ms(ids):
    found = {}
    for line in open(log):
        m = re.search(r"judged submission=(\S+) .*judging_ms=(\d+)", line)
        if m:
            found[m.group(1)] = int(m.group(2))
    return [found[i] for i in ids]
wait([submit()])  # compiles it: the compile cache serves the rest
rounds = 5
alone, alone_judging = [], []
for _ in range(rounds):
    t = time.monotonic(); sid = submit(); wait([sid])
    alone.append((time.monotonic() - t) * 1000 / tests)
    time.sleep(0.3)
    alone_judging.append(judging_ms([sid])[0] / tests)
t = time.monotonic(); ids = [submit() for _ in range(par * rounds)]; wait(ids)
both = (time.monotonic() - t) * 1000 / (tests * par * rounds)
alone.sort(); alone_judging.sort()
print(f"  alone: submission to verdict {alone[rounds // 2]:.2f} ms per test (median of {rounds}; range "
      f"{alone[0]:.2f}-{alone[-1]:.2f}), judging alone {alone_judging[rounds // 2]:.2f} ms per test")
print(f"  {par * rounds} submissions at once on {par} workers: {both:.3f} ms per test (elapsed / tests)")
open(log + ".figures", "w").write(f"{alone_judging[rounds // 2]} {both}\n")
PY
  if [ -n "${PROFILE:-}" ]; then
    wait $profiler || true
    python3 - "$tmp"/stack-*.txt <<'PY'
import collections, re, sys
top, judge = collections.Counter(), collections.Counter()
for name in sys.argv[1:]:
    for block in open(name).read().split("\n\n"):
        if not block.startswith('"judge-worker-'):
            continue
        frames = re.findall(r"^\s+at (\S+)", block, re.M)
        if not frames or "JudgeWorker.run" in frames[0] or any("QueueSignal" in f or "JobQueue.claim" in f for f in frames[:12]):
            continue  # idle
        top[frames[0]] += 1
        judge[next((f for f in frames if f.startswith("org.cpjudge")), "?")] += 1
n = sum(top.values())
print(f"  busy worker samples: {n}; top frames:")
for f, c in top.most_common(12): print(f"    {c:4d} {f}")
print("  first judge frame:")
for f, c in judge.most_common(12): print(f"    {c:4d} {f}")
PY
  fi
  first_in=$tmp/pkg/tiny/data/secret/1.in
  b1=$("$tmp/bare" "$tmp/sum" "$first_in" "$tmp" 2000 1)
  bp=$("$tmp/bare" "$tmp/sum" "$first_in" "$tmp" 2000 "$par")
  read -r judging both < "$tmp/serve.log.figures"
  echo "  bare fork+exec of the same binary: $b1 ms per run sequential; $bp ms per run, $par at once (elapsed / runs)"
  python3 -c "import sys; j,b,b1,bp=map(float,sys.argv[1:5]); print(f'  ratio: judging alone / bare sequential x{j/b1:.1f}; {int(sys.argv[5])} workers / bare {int(sys.argv[5])} at once x{b/bp:.1f}')" \
    "$judging" "$both" "$b1" "$bp" "$par"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
