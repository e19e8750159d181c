/*
 * cpjudge-supervisor: runs untrusted commands in a box, one at a time, for the Java client
 * (org.cpjudge.sandbox.SupervisorSandbox). One supervisor process serves one box slot for its whole life.
 *
 *   cpjudge-supervisor --slot N --state DIR [--insecure] [--cpus LIST]
 *
 * Protocol on stdin/stdout:
 *   - at start the supervisor prints one line: "hello key=value ..." describing the isolation it found, or
 *     "fatal <message>" and exits;
 *   - a request is a sequence of NUL-terminated tokens "key\0value\0" ending with the single token "run\0"
 *     (argv, environment strings and paths cannot contain NUL, so nothing needs escaping);
 *   - the answer is one line "result outcome=.. exit=.. signal=.. cpu_us=.. wall_us=.. mem_kb=.. msg=.."
 *     where msg is %-encoded.
 *
 * Once, at start (main): pick a box uid unique on the host (pick_box_uid), find the cgroups, make the slot's
 * cgroups on v1 (cg_create_slot), the slot's own empty network namespace, and the box's root template in the
 * supervisor's own mount namespace (build_template). Whatever can be made once is, because per run it cost
 * most of the sandbox's overhead (see the README's figures; CPJUDGE_SUPERVISOR_TRACE=1 times each phase).
 *
 * Per run, top to bottom (run.c, run_box and its phases):
 *   1. get the cgroups ready (v1: reuse, checked empty, limits written when they change; v2: a fresh cgroup)
 *      (cg_setup); the run's writable space, a tmpfs of fileSizeBytes (disk_mount), unless one of that size
 *      was mounted ahead (prepare);
 *   2. open the standard streams as root following no symlink; stdout/stderr go through pipes we count
 *      (open_streams);
 *   3. make the run's mount points in the template; clone the box init in new pid, mount (a copy of the
 *      template), ipc, uts namespaces, born in the cgroup2 box cgroup (start_box, clone_box);
 *   4. the init joins the v1 cgroups itself, completes its root (/tmp on the writable space, /dev/shm,
 *      /proc, the binds, the work directory as an overlay over the host's with its upper layer on the
 *      writable space), pivots into it and forks the program, which drops to the box uid, sets rlimits,
 *      no_new_privs and a seccomp filter, and execs (box.c, box_init);
 *   5. we supervise: poll CPU time in the cgroup every 10 ms, wall time, output size, the writable space
 *      full; kill on excess (supervise);
 *   6. the init kills and reaps the rest of the box, reports the program's wait status and exits; we read
 *      the measurements, copy what the run wrote back into the host work directory (disk_copy_out; not when
 *      the request says "writes discard") and answer at once; then reap the init (its namespaces' teardown),
 *      unmount the space and mount the next run's ahead, while the judge reads the answer (prepare_next).
 *      On cgroup v1 a box whose run ended by itself is kept instead: while the judge reads the answer its init
 *      makes it as if new (box_reset), and the next run of the same shape skips steps 1, 3 and 4 up to the
 *      program's start, its request and streams sent over a unix socket (run.c, take_kept; box.c, box_go).
 *      When we kill a box (limits), we kill the init and the cgroup and wait before answering (collect,
 *      cleanup).
 *
 * Files: main.c (this: start, the request loop), protocol.c (requests and answers), cgroup.c (v1 and v2),
 * box.c (template, mounts, root, rlimits, exec: the box init), seccomp.c (the program's filter), streams.c
 * (the standard streams and output relays), disk.c (the box's writable space: a tmpfs per run, copied back),
 * run.c (one run: its phases and measurements), util.c.
 */
#define _GNU_SOURCE
#include "box.h"
#include "cgroup.h"
#include "cpuset.h"
#include "disk.h"
#include "protocol.h"
#include "run.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define BOX_UID_BASE 60000
#define BOX_UID_COUNT 1000
#define BOX_UID_LOCK_DIR "/run/cpjudge-box-uids"

/* The box uid. It must be unique on the host, not only among the slots of one judge process: two boxes
 * sharing a uid could signal each other's processes wherever one can name the other's pids, and a host-wide
 * count by uid (RLIMIT_NPROC, a test looking for leftover box processes) would mix them. Each supervisor holds
 * an exclusive flock on BOX_UID_LOCK_DIR/<uid> for its whole life; the kernel drops it however the supervisor
 * ends. The search starts at BOX_UID_BASE + slot, so a single judge keeps uid = 60000 + slot. Returns the
 * uid, or (uid_t)-1 when the pool is exhausted or the lock directory cannot be used. */
static uid_t pick_box_uid(char *why, size_t size) {
    if (mkdir(BOX_UID_LOCK_DIR, 0700) < 0 && errno != EEXIST) {
        snprintf(why, size, "mkdir %s: %s", BOX_UID_LOCK_DIR, strerror(errno));
        return (uid_t)-1;
    }
    for (int i = 0; i < BOX_UID_COUNT; i++) {
        uid_t uid = BOX_UID_BASE + (uid_t)((slot + i) % BOX_UID_COUNT);
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%u", BOX_UID_LOCK_DIR, (unsigned)uid);
        int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0) {
            snprintf(why, size, "open %s: %s", p, strerror(errno));
            return (uid_t)-1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return uid; /* fd stays open: the lock lives with us */
        close(fd);
    }
    snprintf(why, size, "all %d box uids from %d are taken (see %s)", BOX_UID_COUNT, BOX_UID_BASE,
             BOX_UID_LOCK_DIR);
    return (uid_t)-1;
}

int main(int argc, char **argv) {
    const char *cpus = NULL; /* the slot's cores (cpuset.c) */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--slot") && i + 1 < argc) slot = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--state") && i + 1 < argc) state_dir = argv[++i];
        else if (!strcmp(argv[i], "--insecure")) insecure = 1;
        else if (!strcmp(argv[i], "--cpus") && i + 1 < argc) cpus = argv[++i];
    }
    if (slot < 0 || !state_dir) {
        printf("fatal usage: cpjudge-supervisor --slot N --state DIR [--insecure]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    if (getuid() != 0 && !insecure) {
        printf("fatal the sandbox supervisor must run as root (or use the insecure development mode)\n");
        return 2;
    }
    box_uid = getuid(); /* insecure mode as a normal user: the program runs as that user */
    box_gid = getgid();
    if (getuid() == 0) {
        char why[PATH_MAX + 64];
        box_uid = pick_box_uid(why, sizeof why);
        box_gid = (gid_t)box_uid;
        if (box_uid == (uid_t)-1) {
            printf("fatal no box uid: %s\n", why);
            return 2;
        }
    }
    const char *trace = getenv("CPJUDGE_SUPERVISOR_TRACE");
    trace_on = trace && trace[0] && strcmp(trace, "0") != 0;
    cg_detect();
    int ns_ok = namespaces_work();
    if (cg_create_slot() < 0) {
        if (!insecure) {
            printf("fatal cannot create the slot's cgroups (%s): %s\n", box_memory, strerror(errno));
            return 2;
        }
        /* a normal user on a development machine: no cgroups to make, so rlimits and rusage it is */
        logmsg("insecure mode without cgroups (cannot create %s: %s)", box_memory, strerror(errno));
        cg_disable();
    }
    char cpuset_err[PATH_MAX + 200];
    if (cpuset_init(cpus, cg_unified, cg_mode == CG_V2, cpuset_err, sizeof cpuset_err) < 0) {
        printf("fatal cpuset: %s\n", cpuset_err);
        return 2;
    }
    int netns = 0;
    if (ns_ok && !insecure) {
        /* one empty network namespace (not even loopback up) for every box of this slot */
        netns = unshare(CLONE_NEWNET) == 0;
        if (!netns) logmsg("unshare(CLONE_NEWNET): %s", strerror(errno));
    }
    char root[PATH_MAX];
    snprintf(root, sizeof root, "%s/root", state_dir);
    if (mkdir(root, 0755) < 0 && errno != EEXIST) {
        printf("fatal mkdir %s: %s\n", root, strerror(errno));
        return 2;
    }
    use_ns = ns_ok && netns && !insecure;
    if (use_ns) build_template();
    if (use_ns && disk_init() < 0) {
        printf("fatal mkdir %s: %s\n", disk_dir, strerror(errno));
        return 2;
    }
    if (!insecure && !use_ns && cg_mode == CG_NONE) {
        printf("fatal neither namespaces nor cgroups are usable here: refusing to run untrusted code "
               "(the insecure development mode runs with rlimits only)\n");
        return 2;
    }
    printf("hello cgroup=%s namespaces=%s netns=%s seccomp=%s memsw=%d memory=%s pids=%s cpu=%s kill=%s uid=%d disk=%s cpuset=%s\n",
           cg_mode == CG_V1 ? "v1" : cg_mode == CG_V2 ? "v2" : "none", use_ns ? "yes" : "no",
           netns ? "yes" : "no", insecure ? "no" : "yes", has_memsw, cg_memory[0] ? cg_memory : "-",
           cg_pids[0] ? cg_pids : (cg_mode == CG_V2 ? cg_unified : "-"),
           cg_cpuacct[0] ? cg_cpuacct : (cg_mode == CG_V2 ? cg_unified : "-"), cg_unified[0] ? cg_unified : "-",
           (int)box_uid, use_ns ? "tmpfs" : "none", cpuset_describe());
    fflush(stdout);
    for (;;) {
        struct request r;
        int got = read_request(&r);
        if (got == 0) break;
        struct result res;
        if (got < 0) {
            memset(&res, 0, sizeof res);
            res.exit_code = -1;
            result_fail(&res, "malformed request");
            print_result(&res);
            request_free(&r);
            return 3; /* the stream is out of step: better restart */
        }
        run_box(&r, &res); /* answers */
        request_free(&r);
    }
    discard_kept();
    reap_exiting_init();
    disk_unmount();
    remove_mountpoints();
    cg_kill_all();
    cg_remove();
    cpuset_remove();
    return 0;
}
