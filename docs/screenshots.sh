#!/usr/bin/env bash
# Screenshots of the web pages, at desktop width (1200 px) and phone width (390 px), taken by headless chromium
# from a judge started here with example data: a running contest with a live board, an upcoming one, a
# finalized rated one (ratings, a profile with its graph), practice problems, submissions, an announcement.
# Writes docs/screenshots/{page}-{desktop,phone}.png (8-bit palette PNGs when ImageMagick is there).
#   docs/screenshots.sh          (needs api/target/judge.jar: mvn -B -o -DskipTests package; chromium; curl)
# The judge runs submissions in its sandbox; here the script re-runs itself inside /work/shared/tools/contained
# when that exists (throwaway namespaces, loopback only), as the benchmarks do.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${CPJ_CONTAINED:-}" ] && [ -x /work/shared/tools/contained ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
ip link set lo up 2>/dev/null || true
chromium=${CHROMIUM:-/usr/bin/chromium}
out="$repo/docs/screenshots"
mkdir -p "$out"
tmp=$(mktemp -d /tmp/cpjudge-shots.XXXXXX)
chmod 755 "$tmp"
port=18597
base="http://127.0.0.1:$port"
java -jar "$repo/api/target/judge.jar" serve --data "$tmp/data" --port $port --workers 1 > "$tmp/serve.log" 2>&1 &
server=$!
# (set -e holds in the trap too: the server's TERM status must not become the script's)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
admin=$(cat "$tmp/data/admin-token")

call() { # METHOD PATH TOKEN [JSON]
  curl -sf -X "$1" "$base$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}
}
field() { sed 's/.*"'"$1"'" *: *"\([^"]*\)".*/\1/'; }
user() { call POST /api/v1/users "$admin" "{\"handle\":\"$1\",\"kind\":\"$2\",\"name\":\"$3\"}" | field token; }
iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/sum.zip" sum)
for id in sum sum-a sum-b sum-c sum-past sum-next; do
  curl -sf -X POST "$base/api/v1/problems?id=$id" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/zip' --data-binary @"$tmp/sum.zip" >/dev/null
done
# a statement with math (Markdown and LaTeX editions) for the statement page
(cd "$repo/api/src/test/resources/packages" && jar -cfM "$tmp/mathsum.zip" mathsum)
curl -sf -X POST "$base/api/v1/problems?id=mathsum" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/zip' --data-binary @"$tmp/mathsum.zip" >/dev/null
call POST /api/v1/contests "$admin" "{\"id\":\"spring\",\"name\":\"Spring Round\",\"start\":\"$(iso '-40 minutes')\",
  \"duration_minutes\":120,\"freeze_minutes\":0,\"scoring\":\"icpc\",\"problems\":[\"sum-a\",\"sum-b\",\"sum-c\"],\"rated\":true}" >/dev/null
# the past contest runs for its last seconds now (a minute in all), so that it has tries; then it is finalized
winter_end=$(( $(date +%s) + 40 ))
call POST /api/v1/contests "$admin" "{\"id\":\"winter\",\"name\":\"Winter Cup\",\"start\":\"$(iso '-20 seconds')\",
  \"duration_minutes\":1,\"scoring\":\"icpc\",\"problems\":[\"sum-past\"],\"rated\":true}" >/dev/null
call POST /api/v1/contests "$admin" "{\"id\":\"summer\",\"name\":\"Summer Open\",\"start\":\"$(iso '+1 day +3 hours')\",
  \"duration_minutes\":150,\"scoring\":\"ioi\",\"problems\":[\"sum-next\"]}" >/dev/null

right='a, b = map(int, input().split())\nprint(a + b)\n'
wrong='print(0)\n'
submit() { # TOKEN CONTEST PROBLEM SOURCE
  call POST /api/v1/submissions "$1" "{\"problem\":\"$3\",\"contest\":\"$2\",\"language\":\"python3\",
    \"files\":[{\"name\":\"a.py\",\"content\":\"$4\"}]}" | field id
}
declare -A tokens
for who in "alice:human:Alice Liddell" "bob:human:Bob" "carol:human:Carol" "dave:human:Dave" "gpt-bot:ai:Bot"; do
  IFS=: read -r handle kind name <<< "$who"
  tokens[$handle]=$(user "$handle" "$kind" "$name")
  for c in spring winter; do call POST "/api/v1/contests/$c/register" "${tokens[$handle]}" >/dev/null; done
done
# the past contest's tries, then (below) its ratings
ids=()
for who in alice carol bob gpt-bot; do ids+=("$(submit "${tokens[$who]}" winter sum-past "$right")"); done
ids+=("$(submit "${tokens[dave]}" winter sum-past "$wrong")")
# the running contest
ids+=("$(submit "${tokens[alice]}" spring sum-a "$right")")
ids+=("$(submit "${tokens[bob]}" spring sum-a "$wrong")")
ids+=("$(submit "${tokens[bob]}" spring sum-a "$right")")
ids+=("$(submit "${tokens[carol]}" spring sum-b "$right")")
ids+=("$(submit "${tokens[gpt-bot]}" spring sum-a "$right")")
ids+=("$(submit "${tokens[gpt-bot]}" spring sum-c "$wrong")")
ids+=("$(submit "${tokens[dave]}" spring sum-c "$wrong")")
practice=$(call POST /api/v1/submissions "${tokens[alice]}" \
  "{\"problem\":\"sum\",\"language\":\"python3\",\"files\":[{\"name\":\"a.py\",\"content\":\"$right\"}]}" | field id)
ids+=("$practice")
for id in "${ids[@]}"; do
  [ -n "$id" ] || continue
  for _ in $(seq 1 600); do
    call GET "/api/v1/submissions/$id" "$admin" | grep -q '"status" *: *"done"' && break
    sleep 0.2
  done
done
while [ "$(date +%s)" -le "$winter_end" ]; do sleep 1; done
call POST /api/v1/contests/winter/finalize "$admin" >/dev/null
# the AI models page: the past contest's reference standings, then two models' virtual runs of it, each ended
call POST /api/v1/contests/winter/standings "$admin" '{"standings": [
  {"handle":"ref_a","rating":2400,"points":1,"penalty":0}, {"handle":"ref_b","rating":2000,"points":1,"penalty":0},
  {"handle":"ref_c","rating":1650,"points":1,"penalty":1}, {"handle":"ref_e","rating":1400,"points":1,"penalty":1},
  {"handle":"ref_f","rating":1550,"points":0,"penalty":0}, {"handle":"ref_d","rating":1200,"points":0,"penalty":0}]}' \
  >/dev/null || echo "importing the reference standings failed" >&2
for who in "model-alpha:alpha:lab-x:0.40:$right" "model-beta:beta:lab-y:0.05:$wrong"; do
  IFS=: read -r handle model provider cost source <<< "$who"
  bot=$(call POST /api/v1/users "$admin" "{\"handle\":\"$handle\",\"kind\":\"ai\",\"model\":\"$model\",
    \"provider\":\"$provider\",\"model_version\":\"2026-11\"}" | field token)
  call POST /api/v1/contests/winter/virtual "$bot" '{"policy":"declared"}' >/dev/null || echo "no virtual run" >&2
  vid=$(call POST /api/v1/submissions "$bot" "{\"problem\":\"sum-past\",\"contest\":\"winter\",
    \"language\":\"python3\",\"minute\":0,\"attempt\":{\"group\":\"g1\",\"index\":0,\"cost_usd\":$cost},
    \"files\":[{\"name\":\"a.py\",\"content\":\"$source\"}]}" | field id) || echo "no AI attempt" >&2
  for _ in $(seq 1 600); do
    [ -n "$vid" ] || break
    call GET "/api/v1/submissions/$vid" "$bot" | grep -q '"status" *: *"done"' && break
    sleep 0.2
  done
  call POST /api/v1/contests/winter/virtual/end "$bot" >/dev/null || true
done
call POST /api/v1/contests/spring/clarifications "$admin" \
  '{"text":"Problem B: the numbers fit in 64 bits.","public":true}' >/dev/null

quantize=
if convert -version 2>/dev/null | grep -q ImageMagick; then quantize=1; fi
shoot() { # NAME PATH
  for size in desktop:1200,900 phone:390,844; do
    IFS=: read -r kind window <<< "$size"
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
      --user-data-dir="$profile" --window-size="$window" --screenshot="$out/$1-$kind.png" "$base$2" \
      >/dev/null 2>&1 || echo "chromium failed on $2 ($kind)" >&2
    if [ -n "$quantize" ] && [ -f "$out/$1-$kind.png" ]; then
      convert "$out/$1-$kind.png" -colors 128 -strip "PNG8:$out/$1-$kind.png"
    fi
  done
  echo "$1: $2"
}
shoot home /
shoot problems /problems
shoot contest /contests/spring
shoot contest-upcoming /contests/summer
shoot contest-past /contests/winter
shoot leaderboard /leaderboard
shoot profile /users/alice
shoot submission "/submissions/$practice"
shoot statement /problems/mathsum
shoot ai /ai
shoot ai-model /ai/alpha
# the jury desk as anyone first sees it: its board, queue and buttons come with an administrator's token
# (JuryDeskBrowserTest signs in and drives them)
shoot jury /jury/contests/spring
ls -l "$out"
