#!/usr/bin/env bash
# Checks the Dockerfile's recipe without Docker (no image registry is reachable from the machines this project
# is written on): makes a Debian 12 root with debootstrap (what the debian:bookworm image is: a minbase
# debootstrap), then plays the Dockerfile itself, instruction by instruction, one root per stage: RUN in a
# chroot, COPY from the build context (the worktree's files git does not ignore) or from an earlier stage's
# root, ENV, WORKDIR, CMD. Then it starts the final stage's CMD (the judge with embedded defaults: its own
# PostgreSQL, local workers, the sandbox) in that root, waits for /health/ready on loopback, reads the
# languages the judge offers and compares them with the ones the package lists promise, judges two correct
# solutions of a trivial problem (Python 3 and C++: the sandbox works there), stops it and cleans up. No other
# program is run.
#
#   sudo deploy/check-image-recipe.sh [WORK_DIR]      # default /tmp/cpjudge-image-check
#
# Environment: KEEP=1 keeps the roots (and the debootstrapped base, reused by the next run when it is complete;
# without KEEP everything under WORK_DIR is removed at the end); MIRROR (default http://deb.debian.org/debian);
# M2_REPO (default ~/.m2/repository): seeds the build stage's Maven repository through an overlay (the host's
# copy is not written), so "mvn package" downloads only what is missing, as a warm Docker build cache would;
# M2_REPO=none starts from an empty repository (everything is downloaded from Maven Central).
#
# Every chroot runs in a private mount namespace (unshare --mount): its /proc, /sys, /dev and overlay mounts
# vanish with the namespace, even when the script is interrupted. /sys is the host's (cgroups included), as
# under docker run --privileged --cgroupns=host; /run/cpjudge-box-uids is the host's, as the README's docker
# run command shares it.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mkdir -p "${1:-/tmp/cpjudge-image-check}" && cd "${1:-/tmp/cpjudge-image-check}" && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
m2_repo=${M2_REPO:-$HOME/.m2/repository}
base=$work/base-bookworm
server_pid=""
final_root=""

say() { printf '== [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf 'check-image-recipe: %s\n' "$*" >&2; exit 1; }
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mounts)"
for tool in debootstrap unshare chroot curl python3 git tar; do
    command -v "$tool" >/dev/null || die "$tool is missing (debootstrap: apt-get install debootstrap)"
done

# Processes whose root directory is the given root: what the server left behind (its PostgreSQL).
processes_in_root() {
    local root=$1 p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
    done
    return 0
}

cleanup() {
    local status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        sleep 5
    fi
    if [ -n "$final_root" ]; then
        local left
        left=$(processes_in_root "$final_root")
        [ -z "$left" ] || { say "stopping what is left in the root: $left"; kill -TERM $left 2>/dev/null || true; sleep 3; }
        left=$(processes_in_root "$final_root")
        [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
    fi
    if grep -q " $work/" /proc/self/mountinfo; then
        say "mounts under $work are still there (should not happen: they live in private namespaces)"
        grep " $work/" /proc/self/mountinfo >&2 || true
    fi
    if [ "${KEEP:-}" = 1 ]; then
        say "kept $work (KEEP=1)"
    else
        rm -rf --one-file-system "$work"
        say "removed $work"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# in_root ROOT DIR NAME=VALUE... -- COMMAND...: runs COMMAND in ROOT with the environment Docker gives a RUN
# step or a container (PATH, HOME, the ENV so far), working directory DIR. It execs all the way down, so call it
# in a subshell: "(in_root ...)" in the foreground, "in_root ... &" in the background, whose $! is then the
# command itself (the JVM), as in a container.
in_root() {
    local root=$1 dir=$2; shift 2
    local env=()
    while [ "$1" != -- ]; do env+=("$1"); shift; done
    shift
    exec unshare --mount --propagation private -- /bin/sh -ec '
        r=$1 m2=$2 upper=$3; shift 3
        mount --bind "$r" "$r"                 # a mount point, so that pivot_root (the sandbox) works inside
        mount -t proc proc "$r/proc"
        mount --rbind /sys "$r/sys"
        mount --rbind /dev "$r/dev"
        mkdir -p /run/cpjudge-box-uids "$r/run/cpjudge-box-uids"
        mount --bind /run/cpjudge-box-uids "$r/run/cpjudge-box-uids"
        cp /etc/resolv.conf "$r/etc/resolv.conf"
        if [ "$m2" != none ]; then
            mkdir -p "$r/root/.m2/repository" "$upper/data" "$upper/work"
            mount -t overlay overlay -o "lowerdir=$m2,upperdir=$upper/data,workdir=$upper/work" "$r/root/.m2/repository"
        fi
        exec chroot "$r" "$@"' sh "$root" "$M2_MOUNT" "$work/m2-upper" \
        /usr/bin/env -i -C "$dir" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        "${env[@]}" "$@"
}

# The build context as Docker sees it, approximately: the worktree's files that git does not ignore
# (.gitignore and .dockerignore both leave out target/ and data/).
copy_context() {
    local dest=$1
    mkdir -p "$dest"
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard | \
        tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$dest"
}

# COPY SRC... DEST (one stage root, DEST relative to the working directory): Docker's rules for the cases
# the Dockerfile uses: a directory's contents go into DEST; several sources or a DEST ending in / mean DEST
# is a directory.
copy_into() {
    local from=$1 root=$2 dir=$3; shift 3
    local args=("$@") n=$#
    local dest=${args[n-1]}
    [ "${dest#/}" != "$dest" ] || dest=$dir/$dest
    local target=$root$dest
    local i src
    for ((i = 0; i < n - 1; i++)); do
        src=${args[i]}
        if [ "$from" = context ] && [ "$src" = . ]; then
            copy_context "$target"
        elif [ "$from" = context ]; then
            [ -e "$repo/$src" ] || die "COPY: $src is not in the build context"
            if [ -d "$repo/$src" ]; then mkdir -p "$target"; cp -a "$repo/$src/." "$target/"
            elif [ $n -gt 2 ] || [ "${dest%/}" != "$dest" ]; then mkdir -p "$target"; cp -a "$repo/$src" "$target/"
            else mkdir -p "$(dirname "$target")"; cp -a "$repo/$src" "$target"; fi
        else
            [ -e "$from$src" ] || die "COPY --from: $src is not in that stage"
            if [ "${dest%/}" != "$dest" ]; then mkdir -p "$target"; cp -a "$from$src" "$target/"
            else mkdir -p "$(dirname "$target")"; cp -a "$from$src" "$target"; fi
        fi
    done
}

# The Dockerfile as instructions, one a line, continuation lines joined, comments dropped.
instructions() {
    awk '/^[[:space:]]*#/ { next } /^[[:space:]]*$/ { next }
         { line = line $0 } /\\$/ { sub(/\\$/, "", line); next } { print line; line = "" }' "$repo/Dockerfile"
}

expected_languages() {
    cat "$repo/deploy/packages-runtime" "$repo/.ci/debian-packages" | grep -v '#.*not in the image' | \
        sed -n -e 's/.*# *language: *\([a-z0-9, ]*\).*/\1/p' | tr ', ' '\n\n' | sed '/^$/d' | sort -u
}

df -h "$work" | sed 's/^/   /'

# --- the base: debian:bookworm is a minbase debootstrap of bookworm
if [ -f "$base/.complete" ]; then
    say "reusing the debootstrapped base in $base (made by an earlier run with KEEP=1)"
else
    rm -rf --one-file-system "$base"
    say "debootstrap --variant=minbase bookworm $base $mirror"
    t=$(date +%s)
    debootstrap --variant=minbase bookworm "$base" "$mirror" > "$work/debootstrap.log" 2>&1 || {
        tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed (log: $work/debootstrap.log)"; }
    touch "$base/.complete"
    say "debootstrap done in $(elapsed "$t"), $(du -sh --exclude=proc "$base" | cut -f1)"
fi

M2_MOUNT=none
if [ "$m2_repo" != none ]; then
    [ -d "$m2_repo" ] || die "M2_REPO $m2_repo is not a directory (M2_REPO=none: empty repository)"
    M2_MOUNT=$m2_repo
fi

# --- play the Dockerfile (the instructions come on stdin: no step may read it, hence the < /dev/null below)
declare -A stage_root
stage=-1 root="" dir=/ env=() cmd=()
while IFS= read -r line; do
    read -r op rest <<< "$line"
    case "${op^^}" in
    FROM)
        read -r image as name <<< "$rest"
        [ "$image" = debian:bookworm ] || die "FROM $image: this check makes debian:bookworm only"
        stage=$((stage + 1))
        root=$work/stage-$stage
        rm -rf --one-file-system "$root"
        cp -a "$base" "$root"
        rm -f "$root/.complete"
        stage_root[$stage]=$root
        [ "${as^^}" != AS ] || stage_root[$name]=$root
        dir=/ env=() cmd=()
        say "stage $stage ($image${name:+ as $name}) in $root"
        ;;
    WORKDIR)
        dir=$rest
        mkdir -p "$root$dir"
        ;;
    ENV)
        [[ "$rest" == *=* ]] || die "ENV $rest: only the NAME=VALUE form is understood"
        for pair in $rest; do env+=("$pair"); done
        ;;
    COPY)
        from=context
        if [[ "$rest" == --from=* ]]; then
            read -r flag rest <<< "$rest"
            from=${stage_root[${flag#--from=}]:-} || true
            [ -n "$from" ] || die "COPY $flag: no such stage"
        fi
        # shellcheck disable=SC2086  # the sources and the destination, as Docker splits them
        copy_into "$from" "$root" "$dir" $rest
        say "COPY $rest"
        ;;
    RUN)
        say "RUN $rest"
        t=$(date +%s)
        log=$work/stage-$stage-run-$(date +%s%N).log
        if ! (in_root "$root" "$dir" "${env[@]}" -- /bin/sh -c "$rest") < /dev/null > "$log" 2>&1; then
            tail -30 "$log" >&2
            die "RUN failed in stage $stage (log: $log)"
        fi
        say "   done in $(elapsed "$t"); root now $(du -sh --exclude=proc --exclude=sys --exclude=dev "$root" | cut -f1)"
        ;;
    CMD)
        mapfile -t cmd < <(python3 -c 'import json, sys; [print(a) for a in json.loads(sys.argv[1])]' "$rest") \
            || die "CMD $rest: only the exec (JSON) form is understood"
        ;;
    VOLUME | EXPOSE | LABEL)
        [ "${op^^}" != VOLUME ] || mkdir -p "$root$rest"
        ;;
    *)
        die "$op: an instruction this check does not know (teach it, or keep the Dockerfile to what it knows)"
        ;;
    esac
done < <(instructions)
[ ${#cmd[@]} -gt 0 ] || die "the last stage has no CMD"
final_root=$root

# --- start the final stage's CMD with embedded defaults (only the port is ours: 8080 may be taken here)
M2_MOUNT=none
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
say "starting ${cmd[*]} in the final root (JUDGE_PORT=$port, everything else as the image sets it)"
t=$(date +%s)
in_root "$root" "$dir" "${env[@]}" JUDGE_PORT="$port" -- "${cmd[@]}" < /dev/null > "$work/serve.log" 2>&1 &
server_pid=$!
ready=""
for _ in $(seq 1 300); do
    kill -0 "$server_pid" 2>/dev/null || { tail -40 "$work/serve.log" >&2; die "the server exited"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
    if [ "$code" = 200 ]; then ready=1; break; fi
    sleep 1
done
sed 's/^/   | /' "$work/serve.log" | grep -v 'administrator token' | head -60
if [ -z "$ready" ]; then
    curl -s "http://127.0.0.1:$port/health/ready" || true
    die "/health/ready did not answer 200 within 300 s (last: ${code:-none})"
fi
say "/health/ready 200 after $(elapsed "$t"): $(curl -s "http://127.0.0.1:$port/health/ready")"
say "/health/live: $(curl -s -w ' (%{http_code})' "http://127.0.0.1:$port/health/live")"

curl -sf "http://127.0.0.1:$port/api/v1/languages" > "$work/languages.json" || die "GET /api/v1/languages failed"
python3 - "$work/languages.json" <<'EOF'
import json, sys
for language in json.load(open(sys.argv[1])):
    print("   %-12s %s" % (language["id"], language["name"]))
EOF
offered=$(python3 -c 'import json, sys; [print(l["id"]) for l in json.load(open(sys.argv[1]))]' "$work/languages.json" | sort -u)
missing=$(comm -23 <(expected_languages) <(echo "$offered"))
say "$(echo "$offered" | wc -l) languages offered; the package lists promise $(expected_languages | wc -l)"

# --- judge two harmless, correct solutions of the test suite's "sum" problem: the sandbox works in the root
say "judging a correct Python 3 and a correct C++ solution of the 'sum' problem (nothing else is run)"
judged=0
python3 - "$port" "$root/data/admin-token" "$repo/api/src/test/resources/packages/sum" <<'PY' && judged=1
import io, json, os, sys, time, urllib.request, zipfile
port, token_file, package = sys.argv[1], sys.argv[2], sys.argv[3]
base = "http://127.0.0.1:%s/api/v1" % port
admin = open(token_file).read().strip()

def call(method, path, token, body=None, kind="application/json"):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": kind})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())

archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as z:
    for folder, _, files in os.walk(package):
        for name in files:
            path = os.path.join(folder, name)
            z.write(path, os.path.join("sum", os.path.relpath(path, package)))
call("POST", "/problems?id=sum", admin, archive.getvalue(), "application/zip")
user = call("POST", "/users", admin, {"handle": "imagecheck", "kind": "human"})
solutions = {"python3": ("sum.py", "a, b = map(int, input().split())\nprint(a + b)\n"),
             "cpp": ("sum.cpp", "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b;"
                                 " std::cout << a + b << std::endl; }\n")}
ok = True
for language, (name, content) in solutions.items():
    started = time.time()
    sid = call("POST", "/submissions", user["token"],
               {"problem": "sum", "language": language, "files": [{"name": name, "content": content}]})["id"]
    while True:
        s = call("GET", "/submissions/" + sid, user["token"])
        if s["status"] == "done" or time.time() - started > 180:
            break
        time.sleep(0.5)
    print("   %-8s %s %s in %.1f s; tests: %s" % (language, s["status"], s["verdict"], time.time() - started,
          ", ".join("%s %s %s ms" % (t["name"], t["verdict"], t["time_ms"]) for t in s.get("testcases", []))))
    ok = ok and s["verdict"] == "AC"
sys.exit(0 if ok else 1)
PY

# --- stop it as docker stop does (SIGTERM), then make sure nothing is left
say "stopping the server (SIGTERM)"
t=$(date +%s)
kill -TERM "$server_pid"
for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$server_pid" 2>/dev/null; then
    say "the server did not stop within 60 s"
else
    wait "$server_pid" && status=0 || status=$?
    say "the server stopped in $(elapsed "$t") (exit $status)"
fi
server_pid=""
left=$(processes_in_root "$root")
[ -z "$left" ] && say "no process is left in the root" || say "left in the root after the stop: $left (killed at cleanup)"

[ "$judged" = 1 ] || die "the two correct solutions were not both judged AC (server log: $work/serve.log)"
if [ -n "$missing" ]; then
    die "languages the package lists promise but the judge does not offer: $(echo $missing)"
fi
say "recipe checked: every promised language is offered, and correct solutions are judged AC in the sandbox"
