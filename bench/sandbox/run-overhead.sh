#!/usr/bin/env bash
# Overhead of the sandbox against a bare fork+exec, measured from C (bench/sandbox/overhead.c) with the
# supervisor built from this checkout's sandbox/src/main/c/*.c. Needs root; runs itself inside
# /work/shared/tools/contained (the same namespaces the Maven tests use).
#   bench/sandbox/run-overhead.sh [RUNS [GIT_REV]]     (default 1000 runs)
# With GIT_REV, the supervisor of that revision (its sandbox/src/main/c) is built too and measured interleaved with this checkout's,
# so that both see the same machine load (a before/after comparison).
# Extra env: CC; CPJUDGE_SUPERVISOR_TRACE=1 to also print the median time of each phase of a run (the
# supervisor's and the box init's, see trace_phase in sandbox/src/main/c/util.h).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${1:-1000}
if [ -z "${CPJ_CONTAINED:-}" ]; then
  exec env CPJ_CONTAINED=1 /work/shared/tools/contained "$0" "$@"
fi
tmp=$(mktemp -d /tmp/cpjudge-overhead.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
$cc -std=gnu11 -O2 -Wall -Wextra -Wno-format-truncation -o "$tmp/supervisor" "$repo"/sandbox/src/main/c/*.c
sups=("$tmp/supervisor")
if [ -n "${2:-}" ]; then
  mkdir "$tmp/src-$2"
  git -C "$repo" archive "$2" sandbox/src/main/c | tar -x -C "$tmp/src-$2"
  $cc -std=gnu11 -O2 -w -o "$tmp/supervisor-$2" "$tmp/src-$2"/sandbox/src/main/c/*.c
  sups+=("$tmp/supervisor-$2")
fi
$cc -std=gnu11 -O2 -Wall -o "$tmp/overhead" "$here/overhead.c"
mkdir -p "$tmp/state" "$tmp/work"
chmod 700 "$tmp/state"
printf 'int main(void){return 0;}\n' > "$tmp/trivial.c"
$cc -O1 -o "$tmp/work/trivial" "$tmp/trivial.c"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$tmp/overhead" "$tmp/state" "$tmp/work" "$tmp/work/trivial" "$runs" "${sups[@]}" 2>"$tmp/stderr" || {
  cat "$tmp/stderr" >&2; exit 1; }
if [ -n "${CPJUDGE_SUPERVISOR_TRACE:-}" ]; then
  # median per phase over all runs, in the order the phases happen
  python3 "$here/trace-phases.py" < "$tmp/stderr"
else
  grep -v '^trace ' "$tmp/stderr" >&2 || true
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
