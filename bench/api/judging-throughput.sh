#!/usr/bin/env bash
# End-to-end judging throughput: starts `judge.jar serve` (embedded PostgreSQL, JUDGE_WORKERS workers), imports
# the "sum" test problem (4 tests), submits N accepted C and Python solutions (each source different, so none is
# served from the compile cache) and reports submissions and test runs judged per second, from the first POST
# to the last verdict. Runs itself inside /work/shared/tools/contained (the programs are benign, but judging
# always runs in a throwaway namespace here).
#   bench/api/judging-throughput.sh [N]        (default 100; needs api/target/judge.jar)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
n=${1:-100}
workers=${JUDGE_WORKERS:-$(nproc)}
tmp=$(mktemp -d /tmp/cpjudge-bench.XXXXXX)
port=18580
java -jar "$repo/api/target/judge.jar" serve --data "$tmp/data" --port $port --workers "$workers" \
  > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 240); do curl -sf localhost:$port/health/ready >/dev/null && break; sleep 0.5; done
admin=$(cat "$tmp/data/admin-token")
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
curl -sf -X POST "localhost:$port/api/v1/problems?id=sum" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
python3 - "$port" "$admin" "$n" "$workers" <<'PY'
import json, sys, time, urllib.request
port, token, n, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
sources = {
    "c": ("a.c", "#include <stdio.h>\nint main(void){long long a,b;scanf(\"%lld %lld\",&a,&b);printf(\"%lld\\n\",a+b);return 0;}/*{i}*/\n"),
    "python3": ("a.py", "a, b = map(int, input().split())\nprint(a + b)  # {i}\n"),
}
start = time.monotonic()
ids = []
for i in range(n):
    lang = "c" if i % 2 == 0 else "python3"
    name, text = sources[lang]
    ids.append(call("POST", "/api/v1/submissions",
                    {"problem": "sum", "language": lang, "files": [{"name": name, "content": text.replace("{i}", str(i))}]})["id"])
submitted = time.monotonic() - start
verdicts = {}
for sid in ids:
    while True:
        s = call("GET", "/api/v1/submissions/" + sid)
        if s["status"] == "done":
            verdicts[s["verdict"]] = verdicts.get(s["verdict"], 0) + 1
            break
        time.sleep(0.05)
elapsed = time.monotonic() - start
print(f"workers={workers} submissions={n} (half C, half Python; 4 tests each) verdicts={verdicts}")
print(f"all submitted in {submitted:.2f} s; all judged in {elapsed:.2f} s")
print(f"{n / elapsed:.1f} submissions/s, {4 * n / elapsed:.1f} test runs/s (compile included)")
PY
