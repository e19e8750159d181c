#!/bin/bash
# Runs this repository's sandbox tests (by default `mvn -B -o -pl sandbox verify`) on a pure cgroup v2 Linux:
# a throwaway KVM guest (Debian's kernel, a busybox initramfs) whose root is this host's / shared read-only
# under a tmpfs overlay, with cgroup2 alone mounted at /sys/fs/cgroup (cgroup_no_v1=all). Prints the surefire
# summary and the sandbox's cgroup detection line; exits with Maven's exit code (non-zero on failure).
#
#   sandbox/vm/run-cgroup2-tests.sh                                   # sandbox module
#   sandbox/vm/run-cgroup2-tests.sh mvn -B -o -pl sandbox,judge verify  # any command, run at the repo root
#
# Needs root (KVM for speed: see accel below); installs qemu-system-x86, linux-image-amd64 and busybox-static
# with apt-get when missing. The guest writes only to $CG2VM_DIR (default /tmp/cg2vm, emptied first): the log (mvn.log),
# guest-info.txt, rc and the surefire reports. Settings: CG2VM_MEM (4G), CG2VM_CPUS (2), CG2VM_TIMEOUT
# (seconds, 3600), CG2VM_KERNEL (a /boot/vmlinuz-* with modules; default the newest Debian one), CG2VM_ACCEL (auto, kvm,
# tcg), CG2VM_CONTROLLERS (what the guest enables above the judge's cgroup: "+memory +pids", as a systemd
# slice without CPU settings does, so boxes are pinned by affinity; "+memory +pids +cpuset" delegates the cpuset
# controller too, so they are pinned by the cgroup v2 cpuset). guest-info.txt ends with the hello line of a
# supervisor started in the guest with --cpus (cpuset=v2:N or affinity:N): which way this kernel pins boxes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${CG2VM_DIR:-/tmp/cg2vm}
mem=${CG2VM_MEM:-4G}
cpus=${CG2VM_CPUS:-2}
timeout_s=${CG2VM_TIMEOUT:-3600}
cmd=${*:-mvn -B -o -pl sandbox verify}

[ "$(id -u)" = 0 ] || { echo "run-cgroup2-tests: needs root" >&2; exit 2; }
# KVM when it can boot a stock kernel; a PVM host's /dev/kvm (kvm_pvm, as on this project's machines) runs only
# PVM-enabled guest kernels, a stock one hangs right after decompression: there, and without /dev/kvm, TCG
# (software emulation: several times slower, but a real kernel)
accel=${CG2VM_ACCEL:-auto}
if [ "$accel" = auto ]; then
  if [ -c /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then accel=kvm; else accel=tcg; fi
fi
case "$accel" in
  kvm) qemu_accel=(-accel kvm -cpu "${CG2VM_QEMU_CPU:-host}");;
  tcg) qemu_accel=(-accel tcg,thread=single -cpu "${CG2VM_QEMU_CPU:-Nehalem}");;
  *) echo "run-cgroup2-tests: CG2VM_ACCEL is auto, kvm or tcg" >&2; exit 2;;
esac
case "$work" in /tmp/?*) ;; *) echo "run-cgroup2-tests: CG2VM_DIR must be a directory under /tmp" >&2; exit 2;; esac

# --- what the guest needs from Debian ---
has_kernel() { ls /boot/vmlinuz-* 2>/dev/null | while read -r k; do v=${k#/boot/vmlinuz-};
  ls /lib/modules/"$v"/kernel/fs/9p/9p.ko* >/dev/null 2>&1 && echo "$k"; done | sort -V | tail -1; }
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -n "${CG2VM_KERNEL:-}" ] || [ -n "$(has_kernel)" ] || need+=(linux-image-amd64)
{ [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  echo "run-cgroup2-tests: installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
kernel=${CG2VM_KERNEL:-$(has_kernel)}
kver=${kernel#/boot/vmlinuz-}
moddir=/lib/modules/$kver
[ -f "$kernel" ] && [ -d "$moddir" ] || { echo "run-cgroup2-tests: no kernel with modules ($kernel)" >&2; exit 2; }

# --- the initramfs: static busybox, the virtio/9p/overlay modules in dependency order, init.sh ---
rm -rf "$work"
mkdir -p "$work/initramfs/bin" "$work/initramfs/modules" "$work/scratch"
cd "$work/initramfs"
mkdir -p proc sys dev lower upper newroot
cp /bin/busybox bin/busybox
cp "$here/init.sh" init
chmod 755 init
order=()
add_module() { # name as in modules.dep (kernel/...ko); dependencies first
  local m=$1 d
  for d in "${order[@]:-}"; do [ "$d" = "$m" ] && return 0; done
  for d in $(awk -F': *' -v m="$m" '$1==m{print $2}' "$moddir/modules.dep"); do add_module "$d"; done
  order+=("$m")
}
for name in virtio_pci 9pnet_virtio 9p overlay; do
  m=$(grep -E "(^|/)$name\.ko(\.[a-z]+)?:" "$moddir/modules.dep" | cut -d: -f1)
  [ -n "$m" ] || { echo "run-cgroup2-tests: module $name not in $moddir (built in?)" >&2; continue; }
  add_module "$m"
done
: > modules.order
for m in "${order[@]}"; do
  base=$(basename "$m"); plain=${base%.xz}; plain=${plain%.zst}; plain=${plain%.gz}
  case "$base" in
    *.xz) xz -dc "$moddir/$m" > "modules/$plain";;
    *.zst) zstd -qdc "$moddir/$m" > "modules/$plain";;
    *.gz) gzip -dc "$moddir/$m" > "modules/$plain";;
    *) cp "$moddir/$m" "modules/$plain";;
  esac
  echo "$plain" >> modules.order
done
find . | cpio -o -H newc --quiet | gzip -1 > "$work/initramfs.gz"
cd "$repo"

# --- the job: which script the guest runs and what it runs ---
{
  printf 'CG2VM_GUEST=%q\n' "$here/guest-run.sh"
  printf 'CG2VM_REPO=%q\n' "$repo"
  printf 'CG2VM_CMD=%q\n' "$cmd"
  printf 'CG2VM_CONTROLLERS=%q\n' "${CG2VM_CONTROLLERS:-+memory +pids}"
} > "$work/scratch/job.env"

echo "run-cgroup2-tests: booting $kernel ($accel, $mem, $cpus cpus) to run: $cmd  [console: $work/console.log]"
rc=0
timeout --foreground -k 10 "$timeout_s" qemu-system-x86_64 "${qemu_accel[@]}" -m "$mem" -smp "$cpus" \
  -nographic -no-reboot -nodefaults -serial stdio -monitor none \
  -kernel "$kernel" -initrd "$work/initramfs.gz" \
  -append "console=ttyS0 rdinit=/init panic=-1 cgroup_no_v1=all quiet loglevel=4" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs "local,path=$work/scratch,mount_tag=scratch,security_model=none,multidevs=remap" \
  < /dev/null > "$work/console.log" 2>&1 || rc=$?
s=$work/scratch
if [ ! -f "$s/rc" ]; then
  echo "run-cgroup2-tests: the guest did not finish (qemu exit $rc); console:" >&2
  tail -40 "$work/console.log" >&2
  exit 1
fi
cat "$s/guest-info.txt"
echo "--- sandbox detection, as logged in the guest:"
grep -rhoE "sandbox: cgroup v[12][^\"<]*|hello cgroup=[^\"<]*" "$s/mvn.log" "$s/reports" 2>/dev/null | sort | uniq -c | head -5 || true
echo "--- surefire summary (guest):"
grep -E "Tests run:|Reactor Summary|SUCCESS|FAILURE|BUILD|ERROR\]" "$s/mvn.log" | grep -vE "^\[INFO\] Running" | tail -60
guest_rc=$(cat "$s/rc")
echo "run-cgroup2-tests: maven in the guest exited $guest_rc (full log: $s/mvn.log, reports: $s/reports)"
[ "$guest_rc" = 0 ]
