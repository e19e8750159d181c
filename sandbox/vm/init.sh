#!/bin/busybox sh
# /init of the throwaway guest's initramfs (built by run-cgroup2-tests.sh). Makes the guest's root an overlay:
# the host's / shared read-only over virtio-9p below a tmpfs, mounts the writable scratch share at /cg2vm and
# hands over (switch_root) to guest-run.sh from the host's tree. Powers off on any failure.
/bin/busybox --install -s /bin
export PATH=/bin
fail() { echo "cg2vm-init: $*"; echo "cg2vm-init failed: $*" > /dev/kmsg 2>/dev/null; sleep 1; poweroff -f; }
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules.order); do insmod "/modules/$m" || fail "insmod $m"; done
mkdir -p /lower /upper /newroot
# the host's root, read-only twice: qemu refuses writes (readonly=on) and the guest mounts it ro
mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=512000,cache=loose hostroot /lower || fail "mount hostroot"
mount -t tmpfs -o size=80% upper /upper || fail "mount upper tmpfs"
mkdir -p /upper/u /upper/w
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w /newroot || fail "mount overlay"
mkdir -p /newroot/cg2vm /newroot/.cg2vm
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 scratch /newroot/cg2vm || fail "mount scratch"
cp /bin/busybox /newroot/.cg2vm/busybox       # the guest's poweroff (the host tree has no busybox to rely on)
. /newroot/cg2vm/job.env
[ -f "/newroot$CG2VM_GUEST" ] || fail "no guest script $CG2VM_GUEST"
mount --move /proc /newroot/proc && mount --move /sys /newroot/sys && mount --move /dev /newroot/dev || fail "move"
exec switch_root /newroot /bin/bash "$CG2VM_GUEST"
