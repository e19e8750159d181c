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
#   $PAR at once. Needs api/target/judge.jar (mvn -o -DskipTests package), or JAR=...
#   With BASE_JAR=other.jar a second server runs beside the first and the two are judged in turns (each round of
#   one right after the same round of the other), so that a before/after comparison sees the same machine load.
#   ROUNDS: rounds of the alone measurement (5). JAVA_OPTS go to the servers (a JFR recording, say). CPJUDGE_SUPERVISOR_TRACE=1: the supervisors time each phase
#   of a run (a judge.jar that passes the switch on), and the medians are printed.
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
  # one server per jar: this checkout's (or $JAR), and with BASE_JAR a second one, judged in turns with the
  # first (an A/B in one run: whatever else loads the machine loads both alike)
  jars=("$jar"); names=(new)
  [ -n "${BASE_JAR:-}" ] && { jars+=("$BASE_JAR"); names+=(base); }
  servers=()
  pids=()
  for i in "${!jars[@]}"; do
    p=$((port + i)); d=$tmp/data-${names[$i]}
    java ${JAVA_OPTS:-} -jar "${jars[$i]}" serve --data "$d" --port $p --workers 2 "${cores_flag[@]}" \
      > "$tmp/serve-${names[$i]}.log" 2>&1 &
    pids+=($!)
    server="${pids[*]}"
  done
  for i in "${!jars[@]}"; do
    p=$((port + i)); d=$tmp/data-${names[$i]}
    for _ in $(seq 1 240); do curl -sf -m 5 localhost:$p/health/ready >/dev/null && break; sleep 0.5; done
    grep -m1 -o 'sandbox: .*' "$tmp/serve-${names[$i]}.log" | sed 's/^/  /' | cut -c1-400 || true
    admin=$(cat "$d/admin-token")
    curl -sf -X POST "localhost:$p/api/v1/problems?id=tiny" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/zip' --data-binary @"$tmp/tiny.zip" >/dev/null
    servers+=("${names[$i]},$p,$admin,$tmp/serve-${names[$i]}.log")
  done
  echo "== (b) one judged test of a compiled C program, $tests tests, 2 workers on cores 0-1 (${names[*]})"
  if [ -n "${PROFILE:-}" ]; then # where a worker's time goes: the judge-worker stacks every 100 ms, judging alone
    (sleep 6; for i in $(seq 1 80); do jstack ${pids[0]} > "$tmp/stack-$i.txt" 2>/dev/null; sleep 0.1; done) &
    profiler=$!
  fi
  python3 - "$tests" "$par" "$tmp/sum.c" "$tmp/figures" "${servers[@]}" <<'PY'
import json, os, re, sys, time, urllib.request
tests, par, src, figures = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
servers = [dict(zip(("name", "port", "token", "log"), s.split(","))) for s in sys.argv[5:]]
source = open(src).read()
def call(sv, method, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{sv['port']}" + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + sv["token"], "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)
def submit(sv):
    return call(sv, "POST", "/api/v1/submissions", {"problem": "tiny", "language": "c",
                                                   "files": [{"name": "sum.c", "content": source}]})["id"]
def wait(sv, ids):
    for sid in ids:
        while True:
            s = call(sv, "GET", "/api/v1/submissions/" + sid)
            if s["status"] == "done":
                assert s["verdict"] == "AC", s
                break
            time.sleep(0.01)
def judging_ms(sv, ids):
    found = {}
    for line in open(sv["log"]):
        m = re.search(r"judged submission=(\S+) .*judging_ms=(\d+)", line)
        if m:
            found[m.group(1)] = int(m.group(2))
    return [found[i] for i in ids]
for sv in servers:
    wait(sv, [submit(sv)])  # compiles it: the compile cache serves the rest
    sv.update(alone=[], judging=[], both=[])
rounds = int(os.environ.get("ROUNDS", "5"))
for _ in range(rounds):  # in turns: each server's round beside the other's, under the same load
    for sv in servers:
        t = time.monotonic(); sid = submit(sv); wait(sv, [sid])
        sv["alone"].append((time.monotonic() - t) * 1000 / tests)
        time.sleep(0.3)
        sv["judging"].append(judging_ms(sv, [sid])[0] / tests)
for _ in range(2):
    for sv in servers:
        t = time.monotonic(); ids = [submit(sv) for _ in range(par * rounds // 2)]; wait(sv, ids)
        sv["both"].append((time.monotonic() - t) * 1000 / (tests * len(ids)))
with open(figures, "w") as out:
    for sv in servers:
        a, j = sorted(sv["alone"]), sorted(sv["judging"])
        both = sum(sv["both"]) / len(sv["both"])
        print(f"  {sv['name']}: alone: submission to verdict {a[rounds // 2]:.2f} ms per test (median of {rounds}; "
              f"range {a[0]:.2f}-{a[-1]:.2f}), judging alone {j[rounds // 2]:.2f} ms per test")
        print(f"  {sv['name']}: {par * rounds} submissions, {par * rounds // 2} at once on {par} workers: {both:.3f} ms"
              f" per test (elapsed / tests)")
        out.write(f"{sv['name']} {j[rounds // 2]} {both}\n")
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
  if [ -n "${CPJUDGE_SUPERVISOR_TRACE:-}" ]; then # the phases of the runs, as the servers' supervisors timed them
    for i in "${!jars[@]}"; do
      echo "  phases of a run, ${names[$i]} (every run of the bench, the compile included):"
      python3 "$here/trace-phases.py" < "$tmp/serve-${names[$i]}.log" | sed 's/^/    /'
    done
  fi
  first_in=$tmp/pkg/tiny/data/secret/1.in
  b1=$("$tmp/bare" "$tmp/sum" "$first_in" "$tmp" 2000 1)
  bp=$("$tmp/bare" "$tmp/sum" "$first_in" "$tmp" 2000 "$par")
  echo "  bare fork+exec of the same binary: $b1 ms per run sequential; $bp ms per run, $par at once (elapsed / runs)"
  while read -r name judging both; do
    python3 -c "import sys; j,b,b1,bp=map(float,sys.argv[1:5]); print(f'  {sys.argv[6]}: ratio: judging alone / bare sequential x{j/b1:.1f}; {int(sys.argv[5])} workers / bare {int(sys.argv[5])} at once x{b/bp:.1f}')" \
      "$judging" "$both" "$b1" "$bp" "$par" "$name"
  done < "$tmp/figures"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
