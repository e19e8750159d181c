#!/bin/bash
# Runs as pid 1 of the throwaway guest (after init.sh's switch_root): makes it a pure cgroup v2 host the way
# systemd does (cgroup2 at /sys/fs/cgroup, controllers enabled at the root, the service in a non-root cgroup
# of its own whose controllers the sandbox must delegate itself), runs the Maven command of job.env and leaves
# the log, the exit code and the surefire reports in the scratch share (/cg2vm), then powers off.
set -u
. /cg2vm/job.env
bb=/.cg2vm/busybox
off() { sync; echo "cg2vm: powering off"; "$bb" poweroff -f; sleep 10; }
trap off EXIT
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t tmpfs -o mode=755 run /run
mount -t tmpfs -o mode=1777 tmp /tmp
mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup || { echo "cg2vm: cannot mount cgroup2" > /cg2vm/rc; exit; }
"$bb" hostname cg2vm
echo "127.0.1.1 cg2vm" >> /etc/hosts
"$bb" ip link set lo up
{
  echo "cg2vm: kernel $(uname -r), $(nproc) cpus, $(awk '/MemTotal/{print $2 " kB"}' /proc/meminfo), swap: $(awk '/SwapTotal/{print $2 " kB"}' /proc/meminfo)"
  echo "cg2vm: cgroup mounts:"; grep cgroup /proc/self/mountinfo | sed 's/^/cg2vm:   /'
  echo "cg2vm: root cgroup.controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
} | tee /cg2vm/guest-info.txt
# like systemd: controllers enabled above the service, the service in its own cgroup with processes in it. By
# default only memory and pids, as a systemd slice with no CPU weights or quotas gives its services
echo "${CG2VM_CONTROLLERS:-+memory +pids}" > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/cpjudge.service
echo "cg2vm: memory files of a cgroup: $(cd /sys/fs/cgroup/cpjudge.service && echo memory.* | tr '\n' ' ')" \
  | tee -a /cg2vm/guest-info.txt
echo $$ > /sys/fs/cgroup/cpjudge.service/cgroup.procs
echo "cg2vm: running in cgroup $(cat /proc/self/cgroup) (its cgroup.controllers: $(cat /sys/fs/cgroup/cpjudge.service/cgroup.controllers)): cd $CG2VM_REPO && $CG2VM_CMD"
cd "$CG2VM_REPO"
# the host's build output shows through the overlay: start from clean modules (whiteouts in the guest's tmpfs
# only), so that nothing compiled or reported on the host is taken for the guest's
rm -rf ./*/target
rc=0
bash -c "$CG2VM_CMD" > /cg2vm/mvn.log 2>&1 || rc=$?
# the supervisor's own hello line, given a box core as the judge gives one, says which way it pins boxes
# (cpuset=v2:N, or affinity:N with its warning on stderr); the tests show only the description made of it
sup=sandbox/target/classes/native/cpjudge-supervisor
if [ -x "$sup" ]; then
  state=$(mktemp -d)
  core=$(($(nproc) - 1))
  "$sup" --slot 0 --state "$state" --cpus "$core" < /dev/null 2>&1 | head -5 \
    | sed "s/^/cg2vm: supervisor --cpus $core: /" >> /cg2vm/guest-info.txt
fi
mkdir -p /cg2vm/reports
for d in */target/surefire-reports */target/failsafe-reports; do
  [ -d "$d" ] && mkdir -p "/cg2vm/reports/$d" && cp -r "$d"/. "/cg2vm/reports/$d/"
done
echo "cg2vm: cgroups left: $(find /sys/fs/cgroup -mindepth 1 -type d | tr '\n' ' ')" >> /cg2vm/guest-info.txt
echo "$rc" > /cg2vm/rc
echo "cg2vm: maven exited $rc"
