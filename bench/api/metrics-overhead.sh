#!/usr/bin/env bash
# What metrics cost: requests/s and latency of a trivial GET /ping on plain Vert.x, on Vert.x reporting to the
# judge's Micrometer registry (route labels), and on that plus the access log (its lines sent to a file), all in
# one JVM and one run, rounds interleaved so that the machine's noise falls on all three alike; then the time of
# a GET /metrics scrape (about 150 HTTP series, as many as the API has, plus JVM meters).
#   bench/api/metrics-overhead.sh [ROUNDS] [SECONDS]     (default 3 rounds of 5 s; needs api/target/judge.jar, wrk)
#
# Measured 2026-12-01 on the shared 2-core machine (load average 12 to 19 from other work, so rounds vary widely;
# compare the medians of one run), `bench/api/metrics-overhead.sh 5 5`, two runs:
#   plain 86,382 / 124,286 req/s; metrics 61,353 / 78,003; metrics + access log 43,869 / 65,104
#   => about 4.7 us more per request for Vert.x's metrics (both runs), 2.5 to 6.5 us more for the access line
#   GET /metrics, 276 KB (2,784 samples): median 56 / 39 ms, p90 about 100 ms (curl, 200 scrapes)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
secs=${2:-5}
tmp=$(mktemp -d /tmp/cpjudge-metrics-bench.XXXXXX)
mkfifo "$tmp/in"
java -cp "$repo/api/target/judge.jar" "$repo/bench/api/MetricsOverhead.java" < "$tmp/in" > "$tmp/ports" 2> "$tmp/access.log" &
server=$!
exec 3> "$tmp/in"
trap 'exec 3>&-; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 120); do [ -s "$tmp/ports" ] && break; sleep 0.5; done
read -r plain metered logged < "$tmp/ports"
names=(plain metrics metrics+access-log)
ports=($plain $metered $logged)
for port in "${ports[@]}"; do wrk -t1 -c16 -d2s "http://127.0.0.1:$port/ping" > /dev/null; done   # warm-up
declare -A rps p99
for r in $(seq 1 "$rounds"); do
  for i in 0 1 2; do
    out=$(wrk -t1 -c16 -d"${secs}s" --latency "http://127.0.0.1:${ports[$i]}/ping")
    rps[$i]="${rps[$i]:-} $(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p99[$i]="${p99[$i]:-} $(awk '$1 == "99%" {print $2}' <<<"$out")"
  done
done
echo "GET /ping, wrk -t1 -c16, $rounds rounds of ${secs}s interleaved (requests/s; p99 per round):"
for i in 0 1 2; do
  med=$(tr ' ' '\n' <<<"${rps[$i]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '  %-20s median %8.0f req/s; rounds %s; p99 %s\n' "${names[$i]}" "$med" "${rps[$i]}" "${p99[$i]}"
done
n=200
total=$(for _ in $(seq 1 $n); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$metered/metrics"; done \
  | sort -n | awk '{a[NR]=$1} END {printf "median %.2f ms, p90 %.2f ms, max %.2f ms", a[int(NR/2)]*1000, a[int(NR*0.9)]*1000, a[NR]*1000}')
size=$(curl -s "http://127.0.0.1:$metered/metrics" | wc -c)
series=$(curl -s "http://127.0.0.1:$metered/metrics" | grep -vc '^#')
echo "GET /metrics ($size bytes, $series samples), $n scrapes with curl: $total"
