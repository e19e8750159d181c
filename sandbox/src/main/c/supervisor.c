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
 * cgroups on v1 (cg_create_slot), one empty network namespace, and the box's root template in the
 * supervisor's own mount namespace (build_template). Whatever can be made once is, because per run it cost
 * most of the sandbox's overhead (see the README's figures; CPJUDGE_SUPERVISOR_TRACE=1 times each phase).
 *
 * Per run, top to bottom (see run_box):
 *   1. reap the previous run's init; get the cgroups ready (v1: reuse, checked empty, limits written when
 *      they change; v2: a fresh cgroup) (cg_setup);
 *   2. open the standard streams as root following no symlink; stdout/stderr go through pipes we count;
 *   3. make the run's mount points in the template; clone the box init in new pid, mount (a copy of the
 *      template), ipc, uts namespaces, born in the cgroup2 box cgroup (clone_box);
 *   4. the init joins the v1 cgroups itself, completes its root (private /tmp, /dev/shm, /proc, the binds,
 *      the writable work directory), pivots into it and forks the program, which drops to the box uid, sets
 *      rlimits, no_new_privs and a seccomp filter, and execs;
 *   5. we supervise: poll CPU time in the cgroup every 10 ms, wall time, output size; kill on excess;
 *   6. the init kills and reaps the rest of the box, reports the program's wait status and exits; we read
 *      the measurements and answer (the init's exit, its namespaces' teardown, is reaped before the next
 *      run). When we kill a box (limits), we kill the init and the cgroup and wait.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cpuset.h"

#define BOX_UID_BASE 60000
#define BOX_UID_COUNT 1000
#define BOX_UID_LOCK_DIR "/run/cpjudge-box-uids"
#define POLL_MS 10
#define MAX_LIST 512

/* ------------------------------------------------------------------------------------------------ */
/* Small helpers                                                                                    */

static int slot = -1;
static const char *state_dir;
static int insecure;
static uid_t box_uid;
static gid_t box_gid; /* box_uid as root; a normal user's own group in the insecure mode */

static void logmsg(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "cpjudge-supervisor[%d]: ", slot);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static long long now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Profiling: with CPJUDGE_SUPERVISOR_TRACE=1 in the supervisor's environment (the Java client clears it, so
 * only bench/sandbox/run-overhead.sh sets it) every run logs how long each phase took, in microseconds, one
 * line for the supervisor and one for the box init. trace_phase(NULL) starts a line, trace_end() prints it. */
static int trace_on, trace_fd = 2;
static long long trace_last;
static char trace_line[600];
static size_t trace_len;

static void trace_phase(const char *phase) {
    if (!trace_on) return;
    long long t = now_us();
    if (!phase) trace_len = 0;
    else if (trace_len < sizeof trace_line)
        trace_len += (size_t)snprintf(trace_line + trace_len, sizeof trace_line - trace_len, " %s=%lld", phase,
                                      t - trace_last);
    trace_last = t;
}

static void trace_end(const char *who) {
    if (trace_on) dprintf(trace_fd, "trace %s:%s\n", who, trace_line);
}

static int write_file(const char *path, const char *value) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t len = (ssize_t)strlen(value);
    ssize_t n = write(fd, value, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return n == len ? 0 : -1;
}

static int write_filef(const char *path, const char *fmt, ...) {
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return write_file(path, buf);
}

static ssize_t read_file(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) return -1;
    buf[n] = 0;
    return n;
}

/* Reads "key value" from a flat-keyed file such as memory.stat, cpu.stat, memory.events; -1 if absent. */
static long long read_keyed(const char *path, const char *key) {
    char buf[8192];
    if (read_file(path, buf, sizeof buf) < 0) return -1;
    size_t klen = strlen(key);
    for (char *line = buf; line && *line; ) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ' ') return atoll(line + klen + 1);
        line = strchr(line, '\n');
        if (line) line++;
    }
    return -1;
}

static long long read_number(const char *path) {
    char buf[64];
    if (read_file(path, buf, sizeof buf) < 0) return -1;
    return atoll(buf);
}

static void path_join(char *out, size_t size, const char *a, const char *b) {
    snprintf(out, size, "%s/%s", a, b);
}

/* ------------------------------------------------------------------------------------------------ */
/* Environment detection: which cgroup hierarchies exist and where our own cgroup is in each.       */

enum { CG_NONE, CG_V1, CG_V2 };
static int cg_mode = CG_NONE;
/* Parent directories under which we create our box cgroup ("" when missing). */
static char cg_memory[PATH_MAX], cg_pids[PATH_MAX], cg_cpuacct[PATH_MAX], cg_unified[PATH_MAX];
/* The box cgroup directories of the current run. */
static char box_memory[PATH_MAX], box_pids[PATH_MAX], box_cpuacct[PATH_MAX], box_unified[PATH_MAX];
static int box_unified_fd = -1; /* directory of box_unified, for CLONE_INTO_CGROUP (clone_box) */
static int has_memsw, ns_ok, use_ns;

/* Our own cgroup path in the hierarchy with the given controller (v1) or "" for v2 ("0::"). */
static int own_cgroup(const char *controller, char *out, size_t size) {
    FILE *f = fopen("/proc/self/cgroup", "re");
    if (!f) return -1;
    char line[PATH_MAX + 64];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *c1 = strchr(line, ':');
        if (!c1) continue;
        char *c2 = strchr(c1 + 1, ':');
        if (!c2) continue;
        *c2 = 0;
        const char *ctrls = c1 + 1;
        int match = 0;
        if (controller[0] == 0) {
            match = ctrls[0] == 0;
        } else {
            char copy[256];
            snprintf(copy, sizeof copy, "%s", ctrls);
            for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
                if (strcmp(tok, controller) == 0) match = 1;
        }
        if (match) {
            snprintf(out, size, "%s", c2 + 1);
            found = 0;
            break;
        }
    }
    fclose(f);
    return found;
}

/* Finds the mount point of the cgroup hierarchy holding `controller` (v1) or of cgroup2 (controller "").
 * Also returns the root of that mount within the hierarchy (field 4 of mountinfo). */
static int find_cgroup_mount(const char *controller, char *mnt, size_t msize, char *root, size_t rsize) {
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f) return -1;
    char line[4096];
    int found = -1;
    while (found < 0 && fgets(line, sizeof line, f)) {
        /* id parent major:minor root mountpoint options [optional...] - fstype source superoptions */
        char *fields[6] = {0};
        char *save, *tok = strtok_r(line, " \n", &save);
        for (int i = 0; i < 6 && tok; i++, tok = strtok_r(NULL, " \n", &save)) fields[i] = tok;
        if (!fields[4]) continue;
        while (tok && strcmp(tok, "-") != 0) tok = strtok_r(NULL, " \n", &save);
        if (!tok) continue;
        char *fstype = strtok_r(NULL, " \n", &save);
        strtok_r(NULL, " \n", &save); /* source */
        char *superopts = strtok_r(NULL, " \n", &save);
        if (!fstype || !superopts) continue;
        int match = 0;
        if (controller[0] == 0) {
            match = strcmp(fstype, "cgroup2") == 0;
        } else if (strcmp(fstype, "cgroup") == 0) {
            for (char *s2, *o = strtok_r(superopts, ",", &s2); o; o = strtok_r(NULL, ",", &s2))
                if (strcmp(o, controller) == 0) match = 1;
        }
        if (match) {
            snprintf(mnt, msize, "%s", fields[4]);
            snprintf(root, rsize, "%s", fields[3]);
            found = 0;
        }
    }
    fclose(f);
    return found;
}

/* Directory of our own cgroup in the hierarchy of `controller` ("" = cgroup2), into out. */
static int own_cgroup_dir(const char *controller, char *out, size_t size) {
    char mnt[PATH_MAX], root[PATH_MAX], rel[PATH_MAX];
    if (find_cgroup_mount(controller, mnt, sizeof mnt, root, sizeof root) < 0) return -1;
    if (own_cgroup(controller, rel, sizeof rel) < 0) return -1;
    const char *r = rel;
    size_t rl = strlen(root);
    if (strcmp(root, "/") != 0 && strncmp(rel, root, rl) == 0) r = rel + rl;
    snprintf(out, size, "%s%s", mnt, strcmp(r, "/") == 0 ? "" : r);
    struct stat st;
    return stat(out, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* Whether the space-separated list (cgroup.controllers) holds `name` as a whole word ("cpu" is not "cpuset"). */
static int has_word(const char *list, const char *name) {
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)); p += n)
        if ((p == list || p[-1] == ' ') && (!p[n] || p[n] == ' ' || p[n] == '\n')) return 1;
    return 0;
}

/* cgroup v2: make sure memory and pids can be enabled for a child of `dir`. The cpu controller is not needed:
 * cpu.stat's usage_usec is kept by the cgroup core in every cgroup (4.15+) whether cpu is enabled or not, and
 * requiring it made the sandbox run with no cgroup at all (no memory limit) on hosts that delegate only
 * memory and pids (seen on a pure cgroup2 guest, sandbox/vm). A non-root cgroup with processes in it cannot
 * hand controllers to children, so when needed we move every process of `dir` (the judge's JVM, its
 * supervisors) into a leaf `dir`/cpjudge-host first. */
#define V2_CONTROLLERS "+memory +pids"
static int v2_enable_controllers(const char *dir) {
    char path[PATH_MAX], buf[512];
    path_join(path, sizeof path, dir, "cgroup.controllers");
    if (read_file(path, buf, sizeof buf) < 0) return -1;
    if (!has_word(buf, "memory") || !has_word(buf, "pids")) {
        buf[strcspn(buf, "\n")] = 0;
        logmsg("cgroup v2: %s lacks the memory or pids controller (has: %s)", dir, buf);
        return -1;
    }
    path_join(path, sizeof path, dir, "cgroup.subtree_control");
    if (write_file(path, V2_CONTROLLERS) == 0) return 0;
    if (errno != EBUSY) return -1;
    char leaf[PATH_MAX], procs[PATH_MAX], leafprocs[PATH_MAX];
    path_join(leaf, sizeof leaf, dir, "cpjudge-host");
    if (mkdir(leaf, 0755) < 0 && errno != EEXIST) return -1;
    path_join(procs, sizeof procs, dir, "cgroup.procs");
    path_join(leafprocs, sizeof leafprocs, leaf, "cgroup.procs");
    for (int attempt = 0; attempt < 5; attempt++) {
        FILE *f = fopen(procs, "re");
        if (!f) return -1;
        char line[64];
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = 0;
            write_file(leafprocs, line);
        }
        fclose(f);
        if (write_file(path, V2_CONTROLLERS) == 0) {
            logmsg("cgroup v2: moved the processes of %s into %s to delegate controllers", dir, leaf);
            return 0;
        }
    }
    return -1;
}

/* Supervisors started after an earlier one moved the JVM into .../cpjudge-host use the same parent. */
static void strip_host_leaf(char *dir) {
    size_t len = strlen(dir), leaf = strlen("/cpjudge-host");
    if (len > leaf && strcmp(dir + len - leaf, "/cpjudge-host") == 0) dir[len - leaf] = 0;
}

static void cg_remove_stale(const char *parent);
static unsigned long long pidns_ino(void);

static int detect_namespaces(void) {
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | SIGCHLD,
                               NULL, NULL, NULL, NULL);
    if (pid < 0) return 0;
    if (pid == 0) _exit(getpid() == 1 ? 0 : 1);
    int st;
    if (waitpid(pid, &st, 0) < 0) return 0;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static void detect(void) {
    char v2dir[PATH_MAX] = "";
    int have_v2 = own_cgroup_dir("", v2dir, sizeof v2dir) == 0;
    if (own_cgroup_dir("memory", cg_memory, sizeof cg_memory) == 0 &&
        own_cgroup_dir("pids", cg_pids, sizeof cg_pids) == 0 &&
        own_cgroup_dir("cpuacct", cg_cpuacct, sizeof cg_cpuacct) == 0) {
        cg_mode = CG_V1;
        char p[PATH_MAX];
        path_join(p, sizeof p, cg_memory, "memory.memsw.limit_in_bytes");
        has_memsw = access(p, F_OK) == 0;
        /* hybrid hierarchy: the controller-less cgroup2 mount still gives cgroup.kill */
        if (have_v2) snprintf(cg_unified, sizeof cg_unified, "%s", v2dir);
    } else if (have_v2 && (strip_host_leaf(v2dir), v2_enable_controllers(v2dir) == 0)) {
        cg_mode = CG_V2;
        snprintf(cg_unified, sizeof cg_unified, "%s", v2dir);
    } else {
        cg_memory[0] = cg_pids[0] = cg_cpuacct[0] = 0;
    }
    ns_ok = detect_namespaces();
    cg_remove_stale(cg_memory);
    cg_remove_stale(cg_pids);
    cg_remove_stale(cg_cpuacct);
    cg_remove_stale(cg_unified);
}

/* ------------------------------------------------------------------------------------------------ */
/* Box cgroups                                                                                       */

/* Our pid namespace's inode: pids alone are not unique across the containers sharing a cgroup parent. */
static unsigned long long pidns_ino(void) {
    static unsigned long long ino;
    struct stat st;
    if (!ino && stat("/proc/self/ns/pid", &st) == 0) ino = (unsigned long long)st.st_ino;
    return ino;
}

/* The slot's cgroups. On v1 they are made once, when the supervisor starts, and every run of the slot reuses
 * them: making and removing four cgroup directories per run cost ~0.3 ms. Between runs they hold no process
 * (checked before each run), the limits are written only when they change, the memory peak is reset when the
 * box is ready, and CPU time and OOM kills are counted from a base read at the start of the run. When an
 * earlier run's files left page cache charged to the memory cgroup, the memory cgroup is replaced by a fresh
 * one, so that the cache neither counts in the next program's peak nor takes room under its limit.
 * On v2 memory.peak cannot be reset on every kernel, so there each run gets a fresh cgroup, removed after. */
static long long cg_cur_mem = -1;           /* limits currently written in the reused cgroups */
static int cg_cur_procs = -1;
static long long v2_sampled_peak = -1; /* v2 without memory.peak: highest memory.current seen (cg_sample_memory) */
#define CG_STALE_BYTES (2LL << 20)

static int cg_make(char *box, size_t size, const char *parent) {
    if (!parent[0]) {
        box[0] = 0;
        return 0;
    }
    snprintf(box, size, "%s/cpjudge-box-%llu-%d", parent, pidns_ino(), (int)getpid());
    if (mkdir(box, 0700) == 0 || errno == EEXIST) return 0;
    return -1;
}

static void cg_remove_one(char *box) {
    if (!box[0]) return;
    for (int i = 0; i < 200; i++) {
        if (rmdir(box) == 0 || errno == ENOENT) return;
        if (errno != EBUSY) break;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    logmsg("cannot remove cgroup %s: %s", box, strerror(errno));
}

static void cg_remove(void) {
    cg_remove_one(box_memory);
    cg_remove_one(box_pids);
    cg_remove_one(box_cpuacct);
    cg_remove_one(box_unified);
}

/* Removes the box cgroups of supervisors that died without cleaning up (cpjudge-box-<pid>, pid gone). */
static void cg_remove_stale(const char *parent) {
    if (!parent[0]) return;
    DIR *d = opendir(parent);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        int pid;
        unsigned long long ns;
        if (sscanf(e->d_name, "cpjudge-box-%llu-%d", &ns, &pid) != 2 || pid <= 0 || ns != pidns_ino()) continue;
        if (kill(pid, 0) == 0 || errno != ESRCH) continue;
        char p[PATH_MAX];
        path_join(p, sizeof p, parent, e->d_name);
        if (rmdir(p) == 0) logmsg("removed the stale cgroup %s", p);
    }
    closedir(d);
}

/* v1, at start: the slot's cgroups, kept for the supervisor's life. */
static int cg_create_slot(void) {
    if (cg_mode != CG_V1) return 0;
    if (cg_make(box_memory, sizeof box_memory, cg_memory) || cg_make(box_pids, sizeof box_pids, cg_pids) ||
        cg_make(box_cpuacct, sizeof box_cpuacct, cg_cpuacct) ||
        cg_make(box_unified, sizeof box_unified, cg_unified))
        return -1;
    char p[PATH_MAX];
    path_join(p, sizeof p, box_memory, "memory.swappiness");
    write_file(p, "0");
    if (box_unified[0]) box_unified_fd = open(box_unified, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return 0;
}

/* Processes in the box's pids cgroup right now (-1 when unknown). */
static long long cg_tasks(void) {
    char p[PATH_MAX];
    if (!box_pids[0]) return -1;
    path_join(p, sizeof p, box_pids, "pids.current");
    return read_number(p);
}

static void cg_kill_all(void);
static int unified_killed;

/* v1: the memory limit and memory+swap, kept equal (no swap), in an order the kernel accepts: memsw may never
 * be below the memory limit. */
static int cg_v1_set_memory(long long mem_bytes, char *p, size_t psize) {
    char limit[PATH_MAX], memsw[PATH_MAX];
    path_join(limit, sizeof limit, box_memory, "memory.limit_in_bytes");
    path_join(memsw, sizeof memsw, box_memory, "memory.memsw.limit_in_bytes");
    const char *order[2] = {limit, memsw};
    if (has_memsw && cg_cur_mem >= 0 && mem_bytes > cg_cur_mem) { /* raising: memsw first */
        order[0] = memsw;
        order[1] = limit;
    } else if (has_memsw && cg_cur_mem < 0 && write_file(memsw, "-1") < 0) { /* unknown: lift memsw first */
        snprintf(p, psize, "%s", memsw);
        return -1;
    }
    for (int i = 0; i < (has_memsw ? 2 : 1); i++) {
        snprintf(p, psize, "%s", order[i]);
        if (write_filef(p, "%lld", mem_bytes) < 0) return -1;
    }
    return 0;
}

/* Gets the box cgroups ready for a run with these limits. Returns 0 or -1 with a message in err. */
static int cg_setup(long long mem_bytes, int procs, char *err, size_t errsize) {
    char p[PATH_MAX];
    if (cg_mode == CG_NONE) return 0;
    if (cg_mode == CG_V1) {
        /* reused: nothing of an earlier box may still be inside */
        for (int i = 0; cg_tasks() != 0; i++) {
            if (i == 100) {
                snprintf(err, errsize, "the previous box's processes do not die");
                return -1;
            }
            cg_kill_all();
            struct timespec ts = {0, 1000000};
            nanosleep(&ts, NULL);
        }
        /* an empty box still shows ~1 MB of kernel memory freed lazily; more is page cache of files an earlier
         * run wrote. Reclaiming it (memory.force_empty) takes up to ~100 ms, a fresh memory cgroup ~0.1 ms:
         * its charges go to the parent */
        path_join(p, sizeof p, box_memory, "memory.usage_in_bytes");
        if (read_number(p) > CG_STALE_BYTES) {
            cg_remove_one(box_memory);
            if (cg_make(box_memory, sizeof box_memory, cg_memory) < 0) {
                snprintf(err, errsize, "mkdir %s: %s", box_memory, strerror(errno));
                return -1;
            }
            path_join(p, sizeof p, box_memory, "memory.swappiness");
            write_file(p, "0");
            cg_cur_mem = -1;
        }
        /* once killed through cgroup.kill, a cgroup2 kills every process later cloned into it with
         * CLONE_INTO_CGROUP at once (seen on 6.18): after a run that needed it, a fresh one */
        if (unified_killed && box_unified[0]) {
            if (box_unified_fd >= 0) close(box_unified_fd);
            cg_remove_one(box_unified);
            if (cg_make(box_unified, sizeof box_unified, cg_unified) < 0) {
                snprintf(err, errsize, "mkdir %s: %s", box_unified, strerror(errno));
                return -1;
            }
            box_unified_fd = open(box_unified, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            unified_killed = 0;
        }
        if (mem_bytes != cg_cur_mem) {
            if (cg_v1_set_memory(mem_bytes, p, sizeof p) < 0) {
                cg_cur_mem = -1; /* unknown now: the next run rewrites both */
                goto fail;
            }
            cg_cur_mem = mem_bytes;
        }
        if (procs != cg_cur_procs) {
            path_join(p, sizeof p, box_pids, "pids.max");
            if (write_filef(p, "%d", procs + 1) < 0) goto fail; /* + the box init */
            cg_cur_procs = procs;
        }
    } else {
        box_memory[0] = box_pids[0] = box_cpuacct[0] = box_unified[0] = 0;
        if (cg_make(box_unified, sizeof box_unified, cg_unified)) {
            snprintf(err, errsize, "mkdir cgroup: %s", strerror(errno));
            return -1;
        }
        snprintf(box_memory, sizeof box_memory, "%s", box_unified);
        snprintf(box_pids, sizeof box_pids, "%s", box_unified);
        snprintf(box_cpuacct, sizeof box_cpuacct, "%s", box_unified);
        path_join(p, sizeof p, box_unified, "memory.max");
        if (write_filef(p, "%lld", mem_bytes) < 0) goto fail;
        path_join(p, sizeof p, box_unified, "memory.swap.max");
        write_file(p, "0"); /* absent when the kernel has no swap accounting */
        path_join(p, sizeof p, box_unified, "pids.max");
        if (write_filef(p, "%d", procs + 1) < 0) goto fail; /* + the box init */
        box_unified_fd = open(box_unified, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        path_join(p, sizeof p, box_unified, "memory.peak");
        v2_sampled_peak = access(p, F_OK) == 0 ? -1 : 0; /* see cg_sample_memory */
    }
    return 0;
fail:
    snprintf(err, errsize, "write %s: %s", p, strerror(errno));
    return -1;
}

/* After a run: v2 removes the run's cgroup; v1 keeps the slot's for the next run. */
static void cg_finish(void) {
    if (cg_mode == CG_V2) {
        if (box_unified_fd >= 0) close(box_unified_fd);
        box_unified_fd = -1;
        cg_remove();
        box_memory[0] = box_pids[0] = box_cpuacct[0] = box_unified[0] = 0;
    }
}

/* Joining the box cgroups without a migration's cost. Moving a process into a cgroup through cgroup.procs
 * takes the kernel's global threadgroup lock for writing, which waits for an RCU grace period whenever none
 * happened recently: ~15 ms in ~4% of runs here. So:
 *  - cgroup2 (the box cgroup on v2; on v1 hosts the controller-less one that gives cgroup.kill): the init is
 *    created inside it by clone3(CLONE_INTO_CGROUP), no move at all;
 *  - v1 controllers: the init moves itself, writing "0" to each `tasks` file: moving only the calling thread
 *    does not take that lock, and the init, single-threaded, is then wholly inside (cg_join_self_v1).
 * Without clone3 or CLONE_INTO_CGROUP (kernels < 5.7) the supervisor writes cgroup.procs (cg_enter). */
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
struct box_clone_args { /* struct clone_args of linux/sched.h up to `cgroup` (that header clashes with glibc's) */
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size,
        cgroup;
};

/* fork-like clone with `flags` (namespaces); *in_cgroup tells whether the child was born in box_unified. */
static pid_t clone_box(int flags, int *in_cgroup) {
    *in_cgroup = 0;
#ifdef SYS_clone3
    static int clone3_works = 1;
    if (box_unified_fd >= 0 && clone3_works) {
        struct box_clone_args args;
        memset(&args, 0, sizeof args);
        args.flags = (uint64_t)flags | CLONE_INTO_CGROUP;
        args.exit_signal = SIGCHLD;
        args.cgroup = (uint64_t)box_unified_fd;
        pid_t pid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
        if (pid >= 0) {
            *in_cgroup = 1;
            return pid;
        }
        if (errno != ENOSYS && errno != E2BIG && errno != EINVAL) return -1;
        clone3_works = 0; /* an older kernel: from now on the plain way */
    }
#endif
    return (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
}

/* The supervisor's fallback: puts pid into box_unified by cgroup.procs. */
static int cg_enter(pid_t pid, char *err, size_t errsize) {
    char p[PATH_MAX];
    if (!box_unified[0]) return 0;
    path_join(p, sizeof p, box_unified, "cgroup.procs");
    if (write_filef(p, "%d", (int)pid) < 0) {
        snprintf(err, errsize, "join %s: %s", p, strerror(errno));
        return -1;
    }
    return 0;
}

/* In the init, on v1: joins the memory, pids and cpuacct cgroups of the box (see above). */
static int cg_join_self_v1(char *failed, size_t size) {
    if (cg_mode != CG_V1) return 0;
    const char *boxes[] = {box_memory, box_pids, box_cpuacct};
    for (int i = 0; i < 3; i++) {
        path_join(failed, size, boxes[i], "tasks");
        if (write_file(failed, "0") < 0) return -1;
    }
    return 0;
}

/* CPU time used in the box so far, microseconds; -1 when there is no cgroup to ask. */
static long long cg_cpu_us(void) {
    char p[PATH_MAX];
    if (cg_mode == CG_V1) {
        path_join(p, sizeof p, box_cpuacct, "cpuacct.usage");
        long long ns = read_number(p);
        return ns < 0 ? -1 : ns / 1000;
    }
    if (cg_mode == CG_V2) {
        path_join(p, sizeof p, box_cpuacct, "cpu.stat");
        return read_keyed(p, "usage_usec");
    }
    return -1;
}

/* v2 kernels before 5.19 have no memory.peak (Ubuntu 22.04's 5.15, Debian 11's 5.10): there the supervisor
 * samples memory.current at each CPU time check (every POLL_MS) and keeps the highest value; a spike shorter
 * than that is missed, except that usage reaching memory.max counts as a peak of memory.max. Without this the
 * run reported the box init's rusage, which is empty when the init reaped the box itself: memoryKb 0. */

static void cg_sample_memory(void) {
    if (v2_sampled_peak < 0) return;
    char p[PATH_MAX];
    path_join(p, sizeof p, box_memory, "memory.current");
    long long cur = read_number(p);
    if (cur > v2_sampled_peak) v2_sampled_peak = cur;
}

/* Peak memory of the box, bytes; -1 when unknown. On v2 the peak is that of the whole run: memory.peak can be
 * reset only from 6.12 on, so the box init's setup (a few hundred KB) counts too. */
static long long cg_peak_bytes(long long mem_limit) {
    char p[PATH_MAX];
    if (cg_mode == CG_V1) {
        path_join(p, sizeof p, box_memory, "memory.max_usage_in_bytes");
        return read_number(p);
    }
    if (cg_mode == CG_V2) {
        if (v2_sampled_peak < 0) {
            path_join(p, sizeof p, box_memory, "memory.peak");
            return read_number(p);
        }
        cg_sample_memory();
        path_join(p, sizeof p, box_memory, "memory.events");
        return read_keyed(p, "max") > 0 ? mem_limit : v2_sampled_peak;
    }
    return -1;
}

/* How many processes the memory limit killed in the box. */
static long long cg_oom_kills(void) {
    char p[PATH_MAX];
    if (cg_mode == CG_V1) {
        path_join(p, sizeof p, box_memory, "memory.oom_control");
        long long n = read_keyed(p, "oom_kill");
        return n < 0 ? 0 : n;
    }
    if (cg_mode == CG_V2) {
        path_join(p, sizeof p, box_memory, "memory.events");
        long long n = read_keyed(p, "oom_kill");
        return n < 0 ? 0 : n;
    }
    return 0;
}

/* Whether usage ever hit the limit (v1 failcnt / v2 "max" events). */
static long long cg_limit_hits(void) {
    char p[PATH_MAX];
    if (cg_mode == CG_V1) {
        path_join(p, sizeof p, box_memory, has_memsw ? "memory.memsw.failcnt" : "memory.failcnt");
        return read_number(p);
    }
    if (cg_mode == CG_V2) {
        path_join(p, sizeof p, box_memory, "memory.events");
        return read_keyed(p, "max");
    }
    return 0;
}

/* Kills every process in the box cgroup (cgroup.kill where available, else repeated SIGKILL of the
 * listed tasks; the pid namespace teardown covers the rest). */
static int unified_killed; /* cgroup.kill was written to the reused box_unified: replace it (cg_setup) */

static void cg_kill_all(void) {
    char p[PATH_MAX];
    if (box_unified[0]) {
        path_join(p, sizeof p, box_unified, "cgroup.kill");
        if (write_file(p, "1") == 0) {
            unified_killed = 1;
            return;
        }
    }
    if (!box_pids[0]) return;
    path_join(p, sizeof p, box_pids, "cgroup.procs");
    for (int round = 0; round < 10; round++) {
        FILE *f = fopen(p, "re");
        if (!f) return;
        int any = 0;
        char line[64];
        while (fgets(line, sizeof line, f)) {
            pid_t pid = atoi(line);
            if (pid > 1) {
                kill(pid, SIGKILL);
                any = 1;
            }
        }
        fclose(f);
        if (!any) return;
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* The request                                                                                       */

struct request {
    char *argv[MAX_LIST + 1];
    int argc;
    char *envp[MAX_LIST + 1];
    int envc;
    char *binds[MAX_LIST];
    int bindc;
    char *cwd, *in, *out, *err;
    long long cpu_ms, wall_ms, mem_bytes, out_bytes, fsize_bytes;
    int procs;
    /* storage */
    char *buf;
    size_t len, cap;
};

static void request_free(struct request *r) {
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Input from the client, buffered across requests. */
static char inbuf[65536];
static size_t in_pos, in_len;

static int next_byte(void) {
    if (in_pos == in_len) {
        ssize_t n;
        while ((n = read(0, inbuf, sizeof inbuf)) < 0 && errno == EINTR) {}
        if (n <= 0) return -1;
        in_pos = 0;
        in_len = (size_t)n;
    }
    return (unsigned char)inbuf[in_pos++];
}

/* Reads tokens until the key "run" (returns 1), end of input (0) or error (-1). */
static int read_request(struct request *r) {
    memset(r, 0, sizeof *r);
    r->cap = 1 << 16;
    r->buf = malloc(r->cap);
    if (!r->buf) return -1;
    size_t start = 0, tokens = 0;
    for (;;) {
        int c = next_byte();
        if (c < 0) return r->len == 0 ? 0 : -1;
        if (r->len == r->cap) {
            if (r->cap >= (64u << 20)) return -1;
            r->cap *= 2;
            char *nb = realloc(r->buf, r->cap);
            if (!nb) return -1;
            r->buf = nb;
        }
        r->buf[r->len++] = (char)c;
        if (c != 0) continue;
        int is_key = tokens % 2 == 0;
        tokens++;
        if (is_key && strcmp(r->buf + start, "run") == 0) break;
        start = r->len;
    }
    /* parse key/value pairs (pointers into buf, which no longer moves) */
    r->cpu_ms = 1000; r->wall_ms = 3000; r->mem_bytes = 256LL << 20; r->out_bytes = 64LL << 20;
    r->fsize_bytes = 64LL << 20; r->procs = 1;
    char *p = r->buf, *end = r->buf + r->len;
    while (p < end) {
        char *key = p;
        p += strlen(p) + 1;
        if (strcmp(key, "run") == 0) break;
        if (p >= end) return -1;
        char *val = p;
        p += strlen(p) + 1;
        if (!strcmp(key, "arg")) { if (r->argc < MAX_LIST) r->argv[r->argc++] = val; else return -1; }
        else if (!strcmp(key, "env")) { if (r->envc < MAX_LIST) r->envp[r->envc++] = val; else return -1; }
        else if (!strcmp(key, "bind")) { if (r->bindc < MAX_LIST) r->binds[r->bindc++] = val; else return -1; }
        else if (!strcmp(key, "cwd")) r->cwd = val;
        else if (!strcmp(key, "stdin")) r->in = val;
        else if (!strcmp(key, "stdout")) r->out = val;
        else if (!strcmp(key, "stderr")) r->err = val;
        else if (!strcmp(key, "cpu_ms")) r->cpu_ms = atoll(val);
        else if (!strcmp(key, "wall_ms")) r->wall_ms = atoll(val);
        else if (!strcmp(key, "mem")) r->mem_bytes = atoll(val);
        else if (!strcmp(key, "out")) r->out_bytes = atoll(val);
        else if (!strcmp(key, "fsize")) r->fsize_bytes = atoll(val);
        else if (!strcmp(key, "procs")) r->procs = atoi(val);
        else return -1;
    }
    r->argv[r->argc] = NULL;
    r->envp[r->envc] = NULL;
    if (r->argc == 0 || !r->cwd || r->cwd[0] != '/') return -1;
    if (r->procs < 1) r->procs = 1;
    return 1;
}

/* ------------------------------------------------------------------------------------------------ */
/* Inside the box                                                                                    */

/* Messages from the box init to the supervisor, over a pipe. */
enum { MSG_READY = 1, MSG_SETUP_FAILED, MSG_EXEC_FAILED, MSG_EXITED };
struct msg {
    int kind;
    int value; /* errno, or wait status */
    char text[200];
};

static int status_fd = -1;

static void send_msg(int kind, int value, const char *fmt, ...) {
    struct msg m = {kind, value, ""};
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(m.text, sizeof m.text, fmt, ap);
        va_end(ap);
    }
    ssize_t n = write(status_fd, &m, sizeof m);
    (void)n;
}

static int building_template; /* die_setup is fatal to the supervisor itself while set (build_template) */

static void die_setup(const char *what) {
    if (building_template) { /* in the supervisor, before its hello line */
        printf("fatal box root template: %s: %s\n", what, strerror(errno));
        exit(2);
    }
    send_msg(MSG_SETUP_FAILED, errno, "%s: %s", what, strerror(errno));
    _exit(120);
}

/* mkdir -p, every component 0755 root */
static int mkdirs(const char *path) {
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(tmp, 0755) < 0 && errno != EEXIST) return -1;
            *p = c;
            if (c == 0) break;
        }
    }
    return 0;
}

/* Binds host path `src` read-only (unless rw) at the same path under `root`. Symlinked top-level
 * directories (/bin -> usr/bin on merged-/usr systems) are recreated as symlinks. Missing sources are
 * skipped unless `required`. */
static void bind_into(const char *root, const char *src, int rw, int required) {
    char dst[PATH_MAX];
    struct stat st;
    snprintf(dst, sizeof dst, "%s%s", root, src);
    if (lstat(src, &st) < 0) {
        if (required) die_setup(src);
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(src, target, sizeof target - 1);
        if (n < 0) die_setup(src);
        target[n] = 0;
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", dst);
        *strrchr(parent, '/') = 0;
        if (mkdirs(parent) < 0) die_setup(parent);
        if (symlink(target, dst) < 0 && errno != EEXIST) die_setup(dst);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (mkdirs(dst) < 0) die_setup(dst);
    } else {
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", dst);
        *strrchr(parent, '/') = 0;
        if (mkdirs(parent) < 0) die_setup(parent);
        int fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0 && errno != EEXIST) die_setup(dst);
        if (fd >= 0) close(fd);
    }
    if (mount(src, dst, NULL, MS_BIND, NULL) < 0) die_setup(src);
    unsigned long flags = MS_BIND | MS_REMOUNT | MS_NOSUID;
    if (!rw) flags |= MS_RDONLY;
    if (!S_ISCHR(st.st_mode)) flags |= MS_NODEV;
    if (mount(NULL, dst, NULL, flags, NULL) < 0) die_setup(dst);
}

static void write_box_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die_setup(path);
    ssize_t n = write(fd, text, strlen(text));
    (void)n;
    close(fd);
}

/* The box's root filesystem.
 *
 * A template is built once per supervisor, in the supervisor's own mount namespace (a slave of the host's, so
 * the host's later mounts still show in it and none of ours leak out), on a small tmpfs at STATE/root:
 * read-only binds of the toolchains and of selected /etc files, a generated passwd/group/hosts, and /dev with
 * null, zero, full, random, urandom. Each run's init gets its own copy of it with its new mount namespace and
 * adds only what differs per run: a fresh /tmp and /dev/shm, /proc of its pid namespace, the spec's read-only
 * binds and the work directory; then it pivots into it. (Building all of it per run cost ~0.6 ms.)
 * The mount points for the per-run binds are made in the template by the supervisor, which removes them again
 * after the run (make_mountpoint / remove_mountpoints), so no run sees another's paths. */
static int template_fd = -1;       /* O_PATH of the template's root directory, in the supervisor */

static void build_template(void) {
    char root[PATH_MAX], p[PATH_MAX];
    snprintf(root, sizeof root, "%s/root", state_dir);
    building_template = 1;
    if (unshare(CLONE_NEWNS) < 0) die_setup("unshare the supervisor's mount namespace");
    if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0) die_setup("make / a slave");
    if (mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=4096,mode=0755") < 0)
        die_setup("mount root tmpfs");
    if (mount(NULL, root, NULL, MS_PRIVATE, NULL) < 0) die_setup("make the root tmpfs private");

    static const char *const toolchain[] = {"/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32",
                                            "/opt", NULL};
    for (int i = 0; toolchain[i]; i++) bind_into(root, toolchain[i], 0, 0);
    static const char *const etc[] = {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                                      "/etc/alternatives", "/etc/java-17-openjdk", "/etc/java-21-openjdk",
                                      "/etc/java-25-openjdk", "/etc/localtime", "/etc/python3",
                                      "/etc/python3.11", "/etc/ssl/certs/java", NULL};
    snprintf(p, sizeof p, "%s/etc", root);
    if (mkdir(p, 0755) < 0) die_setup(p);
    for (int i = 0; etc[i]; i++) bind_into(root, etc[i], 0, 0);
    snprintf(p, sizeof p, "%s/etc/passwd", root);
    char text[256];
    snprintf(text, sizeof text, "root:x:0:0:root:/:/bin/false\nbox:x:%d:%d:box:/tmp:/bin/false\n",
             (int)box_uid, (int)box_uid);
    write_box_file(p, text);
    snprintf(p, sizeof p, "%s/etc/group", root);
    snprintf(text, sizeof text, "root:x:0:\nbox:x:%d:\n", (int)box_uid);
    write_box_file(p, text);
    snprintf(p, sizeof p, "%s/etc/hosts", root);
    write_box_file(p, "127.0.0.1 localhost box\n");

    /* mount points of the per-run mounts */
    snprintf(p, sizeof p, "%s/tmp", root);
    if (mkdir(p, 0755) < 0) die_setup(p);
    snprintf(p, sizeof p, "%s/proc", root);
    if (mkdir(p, 0555) < 0) die_setup(p);

    /* /dev: only null, zero, full, random, urandom; /dev/shm is mounted per run */
    snprintf(p, sizeof p, "%s/dev", root);
    if (mkdir(p, 0755) < 0) die_setup(p);
    if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,nr_inodes=64,mode=0755") < 0)
        die_setup("mount /dev");
    static const char *const devs[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
                                       NULL};
    for (int i = 0; devs[i]; i++) bind_into(root, devs[i], 1, 1);
    static const char *const links[][2] = {{"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"},
                                           {"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"}};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/dev/%s", root, links[i][1]);
        if (symlink(links[i][0], p) < 0) die_setup(p);
    }
    snprintf(p, sizeof p, "%s/dev/shm", root);
    if (mkdir(p, 01777) < 0) die_setup(p);

    /* nothing mounted in a box's copy may propagate back here, nor between boxes */
    if (mount(NULL, root, NULL, MS_REC | MS_PRIVATE, NULL) < 0) die_setup("make the template private");
    template_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (template_fd < 0) die_setup(root);
    building_template = 0;
}

/* Mount points the supervisor made in the template for the current run (paths relative to its root). */
#define MAX_MADE 128
static char made_path[MAX_MADE][PATH_MAX];
static int made_dir[MAX_MADE], made_count;

/* Opens `rel` inside the template as the box will see it: symlinks resolve within the template, never on the
 * host (the supervisor is root in the host's filesystem). */
static int open_in_template(const char *rel, int flags) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    return (int)syscall(SYS_openat2, template_fd, rel[0] ? rel : ".", &how, sizeof how);
}

static int under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* Makes the missing components of the absolute `path` in the template, the last one an empty file when
 * `file`, so that the init can mount on it. Paths under the per-run tmpfs mounts are left to the init. On
 * failure nothing more is done here: the init's own mkdirs then fail with a clear message or succeed. */
static void make_mountpoint(const char *path, int file) {
    if (template_fd < 0 || under(path, "/tmp") || under(path, "/dev/shm") || under(path, "/proc")) return;
    char rel[PATH_MAX];
    snprintf(rel, sizeof rel, "%s", path + 1);
    for (char *p = rel; ; p++) {
        if (*p != '/' && *p != 0) continue;
        char c = *p;
        *p = 0;
        int fd = open_in_template(rel, O_PATH);
        if (fd >= 0) {
            close(fd);
        } else if (errno != ENOENT || made_count == MAX_MADE) {
            return;
        } else {
            char *slash = strrchr(rel, '/');
            const char *name = slash ? slash + 1 : rel;
            if (slash) *slash = 0;
            int parent = open_in_template(slash ? rel : "", O_PATH | O_DIRECTORY);
            if (slash) *slash = '/';
            if (parent < 0) return;
            int dir = c != 0 || !file;
            int made = dir ? mkdirat(parent, name, 0755) : mknodat(parent, name, S_IFREG | 0644, 0);
            close(parent);
            if (made < 0) return;
            snprintf(made_path[made_count], PATH_MAX, "%s", rel);
            made_dir[made_count++] = dir;
        }
        if (c == 0) return;
        *p = c;
    }
}

/* The mount points of a run: the spec's binds and the work directory. A bound symlink is recreated by the
 * init (bind_into): only its directory is made here, and the link is removed after the run. */
static void make_mountpoints(const struct request *r) {
    for (int i = 0; i <= r->bindc; i++) {
        const char *path = i < r->bindc ? r->binds[i] : r->cwd;
        struct stat st;
        if (lstat(path, &st) < 0) continue; /* the init reports it */
        if (!S_ISLNK(st.st_mode)) {
            make_mountpoint(path, !S_ISDIR(st.st_mode));
            continue;
        }
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", path);
        *strrchr(parent, '/') = 0;
        if (parent[0]) make_mountpoint(parent, 0);
        int fd = open_in_template(path + 1, O_PATH | O_NOFOLLOW);
        if (fd >= 0) close(fd);
        else if (errno == ENOENT && made_count < MAX_MADE && !under(path, "/tmp") && !under(path, "/dev/shm")) {
            snprintf(made_path[made_count], PATH_MAX, "%s", path + 1);
            made_dir[made_count++] = 0;
        }
    }
}

static void remove_mountpoints(void) {
    while (made_count > 0) {
        made_count--;
        char *rel = made_path[made_count], *slash = strrchr(rel, '/');
        const char *name = slash ? slash + 1 : rel;
        if (slash) *slash = 0;
        int parent = open_in_template(slash ? rel : "", O_PATH | O_DIRECTORY);
        if (parent < 0) continue;
        if (unlinkat(parent, name, made_dir[made_count] ? AT_REMOVEDIR : 0) < 0)
            logmsg("cannot remove the mount point %s/%s from the box template: %s", rel, name, strerror(errno));
        close(parent);
    }
}

/* In the init, per run: completes its copy of the template and pivots into it. */
static void build_root(const struct request *r) {
    char root[PATH_MAX], p[PATH_MAX], opts[128];
    snprintf(root, sizeof root, "%s/root", state_dir);
    /* nothing we mount may propagate to the supervisor's or anyone's namespace */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die_setup("make / private");

    /* /tmp and /dev/shm: private, size-limited; their pages are charged to the box's memory cgroup */
    long long tmp_size = r->mem_bytes < (1LL << 30) ? r->mem_bytes : (1LL << 30);
    snprintf(opts, sizeof opts, "size=%lld,nr_inodes=16384,mode=1777", tmp_size);
    snprintf(p, sizeof p, "%s/tmp", root);
    if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) die_setup("mount /tmp");
    snprintf(opts, sizeof opts, "size=%lld,nr_inodes=4096,mode=1777", tmp_size);
    snprintf(p, sizeof p, "%s/dev/shm", root);
    if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) die_setup("mount /dev/shm");

    /* /proc of the box's own pid namespace; hidepid=2 hides the root-owned init's details */
    snprintf(p, sizeof p, "%s/proc", root);
    if (mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") < 0) die_setup("mount /proc");

    for (int i = 0; i < r->bindc; i++) bind_into(root, r->binds[i], 0, 1);
    /* the work directory, writable, at its host path (mounted last: it may lie under /tmp or a bind) */
    bind_into(root, r->cwd, 1, 1);
    trace_phase("mounts");

    /* switch to the new root; the old one is detached */
    if (chdir(root) < 0) die_setup("chdir root");
    if (syscall(SYS_pivot_root, ".", ".") < 0) die_setup("pivot_root");
    if (umount2(".", MNT_DETACH) < 0) die_setup("detach old root");
    if (chdir("/") < 0) die_setup("chdir /");
    /* read-only here (the template stays writable for the supervisor's mount points) */
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
        die_setup("remount / read-only");
    if (sethostname("box", 3) < 0) die_setup("sethostname");
    trace_phase("pivot");
}

/* The seccomp filter: the right architecture only, and no syscall that reaches beyond the box. */
#if defined(__x86_64__)
#define BOX_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define BOX_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "seccomp filter: unsupported architecture"
#endif

static const int denied_syscalls[] = {
    __NR_ptrace, __NR_mount, __NR_umount2, __NR_pivot_root, __NR_chroot, __NR_unshare, __NR_setns,
    __NR_keyctl, __NR_add_key, __NR_request_key, __NR_bpf, __NR_perf_event_open, __NR_reboot,
    __NR_kexec_load, __NR_init_module, __NR_finit_module, __NR_delete_module, __NR_swapon, __NR_swapoff,
    __NR_acct, __NR_userfaultfd, __NR_open_by_handle_at, __NR_name_to_handle_at, __NR_quotactl,
    __NR_syslog, __NR_vhangup, __NR_fanotify_init,
#ifdef __NR_umount
    __NR_umount,
#endif
#ifdef __NR_kexec_file_load
    __NR_kexec_file_load,
#endif
#ifdef __NR_io_uring_setup
    __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
#endif
#ifdef __NR_open_tree
    __NR_open_tree, __NR_move_mount, __NR_fsopen, __NR_fsconfig, __NR_fsmount, __NR_fspick,
#endif
#ifdef __NR_mount_setattr
    __NR_mount_setattr,
#endif
#ifdef __NR_iopl
    __NR_iopl, __NR_ioperm,
#endif
};

#define NS_CLONE_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | \
                        CLONE_NEWNET | CLONE_NEWCGROUP)

static int install_seccomp(void) {
    struct sock_filter f[200];
    int n = 0;
#define EMIT(x) (f[n++] = (struct sock_filter)x)
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, BOX_AUDIT_ARCH, 1, 0));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
#if defined(__x86_64__)
    /* x32 syscalls have the same arch value but bit 30 set in the number */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
#endif
    for (size_t i = 0; i < sizeof denied_syscalls / sizeof denied_syscalls[0]; i++) {
        EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied_syscalls[i], 0, 1));
        EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
    }
#ifdef __NR_clone3
    /* clone3 passes its flags in memory we cannot inspect: make libc fall back to clone */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
#endif
    /* clone: no new namespaces (flags are the first argument on x86_64 and aarch64) */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_CLONE_FLAGS, 1, 0));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
    /* socket: AF_UNIX only */
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 4));
    EMIT(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
    EMIT(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT));
    EMIT(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
#undef EMIT
    struct sock_fprog prog = {(unsigned short)n, f};
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

static void set_rlimit(int resource, rlim_t value) {
    struct rlimit rl = {value, value};
    if (setrlimit(resource, &rl) < 0) die_setup("setrlimit");
}

/* execve with a PATH search in the box's own environment when argv[0] has no slash */
static void exec_command(const struct request *r) {
    const char *file = r->argv[0];
    if (strchr(file, '/')) {
        execve(file, r->argv, r->envp);
        return;
    }
    const char *path = "/usr/local/bin:/usr/bin:/bin";
    for (int i = 0; i < r->envc; i++)
        if (strncmp(r->envp[i], "PATH=", 5) == 0) path = r->envp[i] + 5;
    int saved = ENOENT;
    for (const char *p = path; ; ) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%.*s/%s", (int)len, len ? p : ".", file);
        execve(full, r->argv, r->envp);
        if (errno != ENOENT) saved = errno;
        if (!colon) break;
        p = colon + 1;
    }
    errno = saved;
}

static void close_from(unsigned first, unsigned last) {
    if (syscall(SYS_close_range, first, last, 0) == 0) return;
    for (unsigned fd = first; fd <= last && fd < 4096; fd++) close((int)fd);
}

/* The program's side: last steps before exec. fds 0-2 are already in place. */
static void start_program(const struct request *r, int exec_err_fd) {
    /* The supervisor ignores SIGPIPE for itself; an ignored signal stays ignored across execve, so without this
     * a program writing to a closed pipe (an interactive validator that already rejected) would spin on EPIPE
     * instead of dying as it does everywhere else. */
    signal(SIGPIPE, SIG_DFL);
    if (setsid() < 0) die_setup("setsid");
    if (write_file("/proc/self/oom_score_adj", "0") < 0) die_setup("oom_score_adj");
    set_rlimit(RLIMIT_STACK, RLIM_INFINITY); /* the stack is bounded by the memory limit only */
    set_rlimit(RLIMIT_CORE, 0);
    rlim_t cpu_s = (rlim_t)((r->cpu_ms + 999) / 1000 + 1);
    set_rlimit(RLIMIT_CPU, cpu_s); /* backstop: the supervisor enforces CPU time over the whole box */
    set_rlimit(RLIMIT_FSIZE, (rlim_t)r->fsize_bytes);
    /* RLIMIT_NPROC counts every process of the uid on the host: the pids cgroup is the exact cap, so this is
     * only the fallback without it, and only for a box uid of its own (as root). A normal user's insecure box
     * shares its uid with the judge's own JVM threads, which would count against it. */
    if (cg_mode == CG_NONE && getuid() == 0) set_rlimit(RLIMIT_NPROC, (rlim_t)r->procs);
    set_rlimit(RLIMIT_NOFILE, 1024);
    set_rlimit(RLIMIT_MEMLOCK, 0);
    set_rlimit(RLIMIT_MSGQUEUE, 0);
    if (chdir(r->cwd) < 0) die_setup("chdir to the work directory");
    if (!insecure || getuid() == 0) {
        if (setgroups(0, NULL) < 0) die_setup("setgroups");
        if (setresgid(box_gid, box_gid, box_gid) < 0) die_setup("setresgid");
        if (setresuid(box_uid, box_uid, box_uid) < 0) die_setup("setresuid");
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die_setup("no_new_privs");
    if (!insecure && install_seccomp() < 0) die_setup("seccomp");
    exec_command(r);
    int e = errno;
    ssize_t n = write(exec_err_fd, &e, sizeof e);
    (void)n;
    _exit(127);
}

/* The box's init (pid 1 of the box's pid namespace, root, no seccomp). */
static void box_init(const struct request *r, int go_fd, int stdio[3]) {
    char b;
    /* if the supervisor dies, the box dies: the init's death empties the whole pid namespace */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    trace_phase(NULL);
    /* the OOM killer must pick the program, never the init (which reports what happened); needs
     * CAP_SYS_RESOURCE, which some containers lack: then the init's OOM kill shows as MEMORY_EXCEEDED anyway */
    write_file("/proc/self/oom_score_adj", "-1000");
    char failed[PATH_MAX];
    if (cg_join_self_v1(failed, sizeof failed) < 0) die_setup(failed);
    if (cpuset_join_self(box_unified, failed, sizeof failed) < 0) die_setup(failed);
    if (box_unified_fd >= 0) close(box_unified_fd);
    trace_phase("join_cgroups");
    if (use_ns) build_root(r);
    if (read(go_fd, &b, 1) != 1) _exit(121); /* we are in box_unified too (or the supervisor died) */
    close(go_fd);
    trace_phase("wait_supervisor");
    /* the cgroup namespace is rooted at the box cgroup, so it must be made after joining it */
    if (use_ns && cg_mode != CG_NONE && unshare(CLONE_NEWCGROUP) < 0) die_setup("unshare cgroup namespace");
    if (trace_on) trace_fd = fcntl(2, F_DUPFD_CLOEXEC, 3); /* the supervisor's stderr, for trace_end */
    for (int i = 0; i < 3; i++)
        if (stdio[i] < 3) die_setup("standard stream descriptor");
    for (int i = 0; i < 3; i++)
        if (dup2(stdio[i], i) < 0) die_setup("dup2");
    for (int i = 0; i < 3; i++) close(stdio[i]);
    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) die_setup("pipe");
    send_msg(MSG_READY, 0, NULL);
    pid_t child = fork();
    if (child < 0) die_setup("fork");
    if (child == 0) {
        close(ep[0]);
        close(status_fd);
        /* nothing else may cross into the program: close every descriptor above 2 except ep[1] */
        if (ep[1] > 3) close_from(3, ep[1] - 1);
        close_from(ep[1] + 1, ~0U);
        start_program(r, ep[1]);
    }
    close(ep[1]);
    for (int i = 0; i < 3; i++) close(i);
    int e;
    ssize_t n;
    while ((n = read(ep[0], &e, sizeof e)) < 0 && errno == EINTR) {}
    if (n == sizeof e) {
        send_msg(MSG_EXEC_FAILED, e, "exec %s: %s", r->argv[0], strerror(e));
        _exit(127);
    }
    close(ep[0]);
    trace_phase("exec");
    /* reap everything; stop when the program itself has ended */
    int status = 0;
    for (;;) {
        pid_t pid = wait(&status);
        if (pid < 0 && errno == EINTR) continue;
        if (pid < 0) _exit(122);
        if (pid == child) break;
    }
    trace_phase("program");
    if (use_ns) {
        /* as the pid namespace's init, kill(-1) reaches exactly the box's other processes: kill and reap them
         * all before reporting, so that when the supervisor hears of the exit nothing of the box but this
         * init is left, and it need not wait for our exit (the namespaces' teardown) to answer */
        kill(-1, SIGKILL);
        while (wait(NULL) > 0 || errno == EINTR) {}
        trace_phase("kill_rest");
    }
    trace_end("init");
    send_msg(MSG_EXITED, status, NULL);
    _exit(0);
}

/* ------------------------------------------------------------------------------------------------ */
/* The supervisor's side of a run                                                                    */

struct result {
    const char *outcome;
    int exit_code, signal;
    long long cpu_us, wall_us, mem_kb;
    char msg[400];
};

/* open(2) that follows no symlink anywhere in the path: a directory a previous box made inside a work
 * directory cannot redirect the root-privileged open elsewhere. Falls back to O_NOFOLLOW on the last
 * component on kernels without openat2 (< 5.6). */
static int open_safe(const char *path, int flags, mode_t mode) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_NOFOLLOW | O_CLOEXEC);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
    if (fd >= 0 || errno != ENOSYS) return fd;
    return open(path, flags | O_NOFOLLOW | O_CLOEXEC, mode);
}

/* Opens a FIFO's reading end without waiting for the writer first (so two boxes joined by two FIFOs
 * cannot deadlock), then waits for a writer so that the program does not see an early EOF. */
static int open_fifo_read(const char *path, int *placeholder) {
    *placeholder = open_safe(path, O_RDONLY | O_NONBLOCK, 0);
    return *placeholder;
}

static void on_alarm(int sig) { (void)sig; }

static int open_fifo_read_finish(const char *path, int placeholder, long long wall_ms) {
    /* blocking open: returns once a writer exists (the peer opens its writing end after our reading end);
     * the alarm (no SA_RESTART) bounds the wait by the wall limit */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)(wall_ms / 1000 + 1));
    int fd = open_safe(path, O_RDONLY, 0);
    int saved = errno;
    alarm(0);
    close(placeholder);
    errno = saved;
    return fd;
}

static int open_fifo_write(const char *path, long long wall_ms) {
    long long deadline = now_us() + wall_ms * 1000;
    for (;;) {
        int fd = open_safe(path, O_WRONLY | O_NONBLOCK, 0);
        if (fd >= 0) {
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            return fd;
        }
        if (errno != ENXIO || now_us() > deadline) return -1;
        struct timespec ts = {0, 500000};
        nanosleep(&ts, NULL);
    }
}

static int is_fifo(const char *path) {
    int fd = open_safe(path, O_PATH, 0);
    if (fd < 0) return 0;
    struct stat st;
    int fifo = fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
    close(fd);
    return fifo;
}

/* An output stream of the program: a pipe we read and copy to the file, counting. */
struct relay {
    int pipe_rd;  /* our end, -1 when closed or not relayed */
    int file_fd;  /* destination, -1 to discard */
    long long written;
    int empty; /* the last read found the pipe empty */
};

/* Copies what is in the pipe; returns 1 when the limit was exceeded. */
static int relay_pump(struct relay *rl, long long limit) {
    char buf[65536];
    rl->empty = 0;
    for (int round = 0; round < 16; round++) { /* bounded: a fast writer must not starve the time checks */
        ssize_t n = read(rl->pipe_rd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            rl->empty = 1;
            return 0;
        }
        if (n <= 0) {
            close(rl->pipe_rd);
            rl->pipe_rd = -1;
            return 0;
        }
        long long room = limit - rl->written;
        long long take = n < room ? n : (room > 0 ? room : 0);
        if (rl->file_fd >= 0 && take > 0) {
            for (ssize_t off = 0; off < take; ) {
                ssize_t w = write(rl->file_fd, buf + off, (size_t)(take - off));
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) break;
                off += w;
            }
        }
        rl->written += n;
        if (rl->written > limit) return 1;
    }
    return 0;
}

/* After the program ended: everything left in the pipe. */
static int relay_drain(struct relay *rl, long long limit) {
    int exceeded = 0;
    rl->empty = 0;
    while (rl->pipe_rd >= 0 && !rl->empty && rl->written <= limit) exceeded |= relay_pump(rl, limit);
    return exceeded;
}

/* Disk use of the work directory: bytes allocated and entries, summed over the tree without following
 * symlinks. The box may write files only there (/tmp and /dev/shm are tmpfs charged to its memory), so this
 * bounds what a run can add to the disk; checked every DISK_CHECK_MS. */
#define DISK_CHECK_MS 50
#define DISK_MAX_ENTRIES 20000
#define DISK_MAX_DEPTH 32

static void disk_usage_at(int dirfd, int depth, long long *bytes, long long *entries) {
    DIR *d = fdopendir(dirfd);
    if (!d) {
        close(dirfd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && *entries <= DISK_MAX_ENTRIES) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        struct stat st;
        if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
        (*entries)++;
        *bytes += (long long)st.st_blocks * 512;
        if (S_ISDIR(st.st_mode) && depth < DISK_MAX_DEPTH) {
            int sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) disk_usage_at(sub, depth + 1, bytes, entries);
        } else if (S_ISDIR(st.st_mode)) {
            *entries = DISK_MAX_ENTRIES + 1; /* deeper than any honest program goes */
        }
    }
    closedir(d);
}

static long long disk_usage(int work_fd, long long *entries) {
    long long bytes = 0;
    *entries = 0;
    int fd = openat(work_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) disk_usage_at(fd, 0, &bytes, entries);
    return bytes;
}

static void fail(struct result *res, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    res->outcome = "INTERNAL_ERROR";
    vsnprintf(res->msg, sizeof res->msg, fmt, ap);
    va_end(ap);
}

/* The init of the previous run when it reported that the box is empty: it is still tearing down its
 * namespaces, which we need not wait for before answering. Reaped before the next run (or at exit). */
static pid_t exiting_init = -1;

static void reap_exiting_init(void) {
    if (exiting_init > 0) {
        while (waitpid(exiting_init, NULL, 0) < 0 && errno == EINTR) {}
        exiting_init = -1;
    }
}

static void run_box(struct request *r, struct result *res) {
    char err[300] = "";
    int stdio[3] = {-1, -1, -1};
    int in_placeholder = -1, work_fd = -1, go[2] = {-1, -1}, st[2] = {-1, -1};
    struct relay out = {-1, -1, 0, 0}, errr = {-1, -1, 0, 0};
    pid_t init = -1;
    struct msg m;
    ssize_t n;
    long long start = 0, end = 0, cpu_base = 0, last_check = 0, last_disk = 0, disk_base = 0, entries = 0;
    long long oom_base = 0;
    const char *limit_hit = NULL;
    int have_status = 0, status = 0, killed = 0;
    int box_empty = 0; /* the init reported that it killed and reaped every other process of the box */
    long long cpu_limit_us = r->cpu_ms * 1000, wall_limit_us = r->wall_ms * 1000;
    memset(res, 0, sizeof *res);
    res->outcome = "INTERNAL_ERROR";
    res->exit_code = -1;

    trace_phase(NULL);
    reap_exiting_init(); /* it is still in the reused cgroups until reaped */
    remove_mountpoints(); /* the previous run's, now that no box uses them */
    trace_phase("reap_previous");

    /* 1. cgroups */
    if (cg_setup(r->mem_bytes, r->procs, err, sizeof err) < 0) {
        fail(res, "cgroup setup: %s", err);
        goto cleanup;
    }
    oom_base = cg_oom_kills(); /* the count is cumulative in a reused cgroup */
    trace_phase("cgroups");

    /* the work directory belongs to the box during the run */
    work_fd = open_safe(r->cwd, O_RDONLY | O_DIRECTORY, 0);
    if (work_fd < 0 || fchown(work_fd, box_uid, box_gid) < 0 || fchmod(work_fd, 0700) < 0) {
        fail(res, "work directory %s: %s", r->cwd, strerror(errno));
        goto cleanup;
    }

    disk_base = disk_usage(work_fd, &entries);

    /* 2. standard streams, opened as root, never following symlinks */
    const char *in = r->in ? r->in : "/dev/null";
    int in_fifo = r->in && is_fifo(r->in);
    if (in_fifo) {
        if (open_fifo_read(in, &in_placeholder) < 0) {
            fail(res, "open stdin %s: %s", in, strerror(errno));
            goto cleanup;
        }
    } else if ((stdio[0] = open_safe(in, O_RDONLY, 0)) < 0) {
        fail(res, "open stdin %s: %s", in, strerror(errno));
        goto cleanup;
    }
    const char *outs[2] = {r->out, r->err};
    struct relay *relays[2] = {&out, &errr};
    for (int i = 0; i < 2; i++) {
        if (outs[i] && is_fifo(outs[i])) { /* interactive: straight into the FIFO, the peer consumes it */
            if ((stdio[i + 1] = open_fifo_write(outs[i], r->wall_ms)) < 0) {
                fail(res, "open %s: %s", outs[i], strerror(errno));
                goto cleanup;
            }
            continue;
        }
        if (outs[i]) {
            relays[i]->file_fd = open_safe(outs[i], O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (relays[i]->file_fd < 0) {
                fail(res, "open %s: %s", outs[i], strerror(errno));
                goto cleanup;
            }
        }
        int p[2];
        if (pipe2(p, O_CLOEXEC) < 0) {
            fail(res, "pipe: %s", strerror(errno));
            goto cleanup;
        }
        fcntl(p[0], F_SETFL, O_NONBLOCK);
        relays[i]->pipe_rd = p[0];
        stdio[i + 1] = p[1];
    }
    if (in_fifo && (stdio[0] = open_fifo_read_finish(in, in_placeholder, r->wall_ms)) < 0) {
        in_placeholder = -1;
        fail(res, "open stdin %s: %s", in, strerror(errno));
        goto cleanup;
    }
    in_placeholder = -1;

    /* 3. the box init, in new namespaces, with a copy of the root template */
    if (use_ns) make_mountpoints(r);
    if (pipe2(go, O_CLOEXEC) < 0 || pipe2(st, O_CLOEXEC) < 0) {
        fail(res, "pipe: %s", strerror(errno));
        goto cleanup;
    }
    int flags = !use_ns ? 0 : (CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS), in_cgroup;
    init = clone_box(flags, &in_cgroup);
    if (init < 0) {
        fail(res, "clone: %s", strerror(errno));
        goto cleanup;
    }
    if (init == 0) {
        close(go[1]);
        close(st[0]);
        status_fd = st[1];
        /* the init keeps nothing of the host but the streams it hands to the program */
        if (out.pipe_rd >= 0) close(out.pipe_rd);
        if (errr.pipe_rd >= 0) close(errr.pipe_rd);
        if (out.file_fd >= 0) close(out.file_fd);
        if (errr.file_fd >= 0) close(errr.file_fd);
        close(work_fd);
        if (!use_ns) setpgid(0, 0);
        box_init(r, go[0], stdio);
        _exit(123);
    }
    trace_phase("clone");
    close(go[0]);
    go[0] = -1;
    close(st[1]);
    st[1] = -1;
    for (int i = 0; i < 3; i++) {
        close(stdio[i]);
        stdio[i] = -1;
    }

    /* 4. the init joins the v1 cgroups itself; into the cgroup2 one here unless it was born there */
    int entered = in_cgroup ? 0 : cg_enter(init, err, sizeof err);
    if (entered < 0) kill(init, SIGKILL); /* never let it run the program outside the cgroups */
    else if (write(go[1], "g", 1) != 1) entered = -1; /* it died during setup: its message says why */
    close(go[1]);
    go[1] = -1;
    trace_phase("enter_cgroups");

    /* 5. supervise */
    while ((n = read(st[0], &m, sizeof m)) < 0 && errno == EINTR) {}
    if (n != sizeof m || m.kind != MSG_READY) {
        if (n == sizeof m && m.kind == MSG_SETUP_FAILED) fail(res, "box setup: %s", m.text);
        else if (entered < 0 && err[0]) fail(res, "%s", err);
        else fail(res, "box init died during setup");
        goto reap;
    }
    trace_phase("box_ready");
    start = now_us();
    cpu_base = cg_cpu_us();
    if (cg_mode == CG_V1) {
        char p[PATH_MAX];
        path_join(p, sizeof p, box_memory, "memory.max_usage_in_bytes");
        write_file(p, "0"); /* forget the init's setup: the peak starts from the current usage */
    }
    fcntl(st[0], F_SETFL, O_NONBLOCK);
    while (!have_status) {
        struct pollfd pfd[3] = {{st[0], POLLIN, 0}, {out.pipe_rd, POLLIN, 0}, {errr.pipe_rd, POLLIN, 0}};
        long long elapsed = now_us() - start;
        int timeout = POLL_MS;
        if (limit_hit) timeout = 100;
        else if (wall_limit_us - elapsed < timeout * 1000LL) timeout = (int)((wall_limit_us - elapsed) / 1000) + 1;
        int pr = poll(pfd, 3, timeout);
        if (pr < 0 && errno != EINTR) break;
        if (pfd[1].revents && relay_pump(&out, r->out_bytes) && !limit_hit) limit_hit = "OUTPUT_EXCEEDED";
        if (pfd[2].revents && relay_pump(&errr, r->out_bytes) && !limit_hit) limit_hit = "OUTPUT_EXCEEDED";
        if (pfd[0].revents) {
            n = read(st[0], &m, sizeof m);
            if (n == sizeof m && m.kind == MSG_EXITED) {
                end = now_us();
                status = m.value;
                have_status = 1;
            } else if (n == sizeof m && m.kind == MSG_EXEC_FAILED) {
                end = now_us();
                fail(res, "%s", m.text);
                goto reap;
            } else if (n == sizeof m && m.kind == MSG_SETUP_FAILED) {
                fail(res, "box setup: %s", m.text);
                goto reap;
            } else if (n == 0 || (n < 0 && errno != EAGAIN)) {
                break; /* init gone without a report: killed by us */
            }
        }
        if (limit_hit) {
            if (!killed) {
                end = now_us();
                cg_kill_all();
                kill(init, SIGKILL);
                killed = 1;
            }
            continue; /* wait for the box to go */
        }
        long long t = now_us();
        if (t - last_check < POLL_MS * 1000LL && t - start < wall_limit_us) continue;
        last_check = t;
        long long cpu = cg_cpu_us();
        cg_sample_memory();
        elapsed = t - start;
        if (cpu >= 0 && cpu - cpu_base > cpu_limit_us) limit_hit = "CPU_TIME_EXCEEDED";
        else if (elapsed > wall_limit_us) limit_hit = "WALL_TIME_EXCEEDED";
        else if (t - last_disk >= DISK_CHECK_MS * 1000LL) {
            /* the work directory may grow by at most fileSizeBytes in total during the run */
            last_disk = t;
            long long used = disk_usage(work_fd, &entries) - disk_base;
            if (used > r->fsize_bytes + 65536 || entries > DISK_MAX_ENTRIES) limit_hit = "OUTPUT_EXCEEDED";
        }
        if (limit_hit) {
            end = now_us();
            cg_kill_all();
            kill(init, SIGKILL);
            killed = 1;
        }
    }
    if (limit_hit) {
        cg_kill_all();
        kill(init, SIGKILL);
    }

reap:
    if (init > 0) {
        struct rusage ru;
        int wst;
        memset(&ru, 0, sizeof ru);
        trace_phase("program");
        if (have_status && use_ns && cg_mode != CG_NONE) {
            /* the init killed and reaped every other process of the box before reporting (box_init): only
             * its own exit is left, reaped before the next run; the CPU time comes from the cgroup */
            exiting_init = init;
            init = -1;
            box_empty = 1;
        } else {
            /* the init's exit kills what is left in its pid namespace; make sure of it */
            while (wait4(init, &wst, 0, &ru) < 0 && errno == EINTR) {}
            cg_kill_all();
        }
        if (end == 0) end = now_us();
        /* drain what the program wrote before it ended */
        if (relay_drain(&out, r->out_bytes) && !limit_hit) limit_hit = "OUTPUT_EXCEEDED";
        if (relay_drain(&errr, r->out_bytes) && !limit_hit) limit_hit = "OUTPUT_EXCEEDED";
        if (strcmp(res->outcome, "INTERNAL_ERROR") == 0 && res->msg[0]) goto cleanup;
        long long cpu = cg_cpu_us();
        if (cpu >= 0) res->cpu_us = cpu - cpu_base;
        else res->cpu_us = (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
                           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
        long long peak = cg_peak_bytes(r->mem_bytes);
        res->mem_kb = peak >= 0 ? peak / 1024 : ru.ru_maxrss;
        res->wall_us = end - start;
        long long ooms = cg_oom_kills() - oom_base;
        if (!limit_hit) {
            long long used = disk_usage(work_fd, &entries) - disk_base;
            if (used > r->fsize_bytes + 65536 || entries > DISK_MAX_ENTRIES) limit_hit = "OUTPUT_EXCEEDED";
        }
        if (limit_hit) {
            res->outcome = limit_hit;
            res->signal = SIGKILL;
        } else if (!have_status && ooms > 0) {
            res->outcome = "MEMORY_EXCEEDED";
            res->signal = SIGKILL;
        } else if (!have_status) {
            fail(res, "box init ended without a report");
        } else if (WIFEXITED(status)) {
            res->outcome = "EXITED";
            res->exit_code = WEXITSTATUS(status);
            if (res->exit_code != 0 && ooms > 0) res->outcome = "MEMORY_EXCEEDED";
        } else {
            int sig = WTERMSIG(status);
            res->signal = sig;
            res->outcome = "SIGNALED";
            if (ooms > 0) res->outcome = "MEMORY_EXCEEDED";
            else if (sig == SIGXCPU) res->outcome = "CPU_TIME_EXCEEDED";
            else if (sig == SIGXFSZ) res->outcome = "OUTPUT_EXCEEDED";
        }
        if (strcmp(res->outcome, "EXITED") == 0 || strcmp(res->outcome, "SIGNALED") == 0) {
            if (res->cpu_us > cpu_limit_us) res->outcome = "CPU_TIME_EXCEEDED";
            else if (res->wall_us > wall_limit_us) res->outcome = "WALL_TIME_EXCEEDED";
        }
        if (strcmp(res->outcome, "EXITED") != 0) res->exit_code = -1;
        (void)cg_limit_hits;
    }

cleanup:
    trace_phase("measure");
    if (init > 0) {
        /* a failure path may have left the init alive */
        if (waitpid(init, NULL, WNOHANG) == 0) {
            kill(init, SIGKILL);
            waitpid(init, NULL, 0);
        }
    }
    if (!box_empty) cg_kill_all();
    cg_finish();
    for (int i = 0; i < 3; i++)
        if (stdio[i] >= 0) close(stdio[i]);
    int fds[] = {in_placeholder, go[0], go[1], st[0], st[1], out.pipe_rd, out.file_fd, errr.pipe_rd,
                 errr.file_fd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (fds[i] >= 0) close(fds[i]);
    if (work_fd >= 0) {
        /* give the work directory back; the judge reads files with BoxFiles (no symlinks followed) */
        if (fchown(work_fd, getuid(), getgid()) < 0 || fchmod(work_fd, 0755) < 0)
            logmsg("cannot give back %s: %s", r->cwd, strerror(errno));
        close(work_fd);
    }
    trace_phase("cleanup");
    trace_end("supervisor");
}

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

static void print_result(const struct result *res) {
    char msg[sizeof res->msg * 3 + 1];
    size_t j = 0;
    for (size_t i = 0; res->msg[i]; i++) {
        unsigned char c = (unsigned char)res->msg[i];
        if (c <= ' ' || c == '%' || c >= 127) j += (size_t)sprintf(msg + j, "%%%02X", c);
        else msg[j++] = (char)c;
    }
    msg[j] = 0;
    printf("result outcome=%s exit=%d signal=%d cpu_us=%lld wall_us=%lld mem_kb=%lld msg=%s\n", res->outcome,
           res->exit_code, res->signal, res->cpu_us, res->wall_us, res->mem_kb, msg);
    fflush(stdout);
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
    detect();
    if (cg_create_slot() < 0) {
        if (!insecure) {
            printf("fatal cannot create the slot's cgroups (%s): %s\n", box_memory, strerror(errno));
            return 2;
        }
        /* a normal user on a development machine: no cgroups to make, so rlimits and rusage it is */
        logmsg("insecure mode without cgroups (cannot create %s: %s)", box_memory, strerror(errno));
        cg_mode = CG_NONE;
        cg_memory[0] = cg_pids[0] = cg_cpuacct[0] = cg_unified[0] = 0;
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
    if (!insecure && !use_ns && cg_mode == CG_NONE) {
        printf("fatal neither namespaces nor cgroups are usable here: refusing to run untrusted code "
               "(the insecure development mode runs with rlimits only)\n");
        return 2;
    }
    printf("hello cgroup=%s namespaces=%s netns=%s seccomp=%s memsw=%d memory=%s pids=%s cpu=%s kill=%s uid=%d cpuset=%s\n",
           cg_mode == CG_V1 ? "v1" : cg_mode == CG_V2 ? "v2" : "none", use_ns ? "yes" : "no",
           netns ? "yes" : "no", insecure ? "no" : "yes", has_memsw, cg_memory[0] ? cg_memory : "-",
           cg_pids[0] ? cg_pids : (cg_mode == CG_V2 ? cg_unified : "-"),
           cg_cpuacct[0] ? cg_cpuacct : (cg_mode == CG_V2 ? cg_unified : "-"), cg_unified[0] ? cg_unified : "-",
           (int)box_uid, cpuset_describe());
    fflush(stdout);
    for (;;) {
        struct request r;
        int got = read_request(&r);
        if (got == 0) break;
        struct result res;
        if (got < 0) {
            memset(&res, 0, sizeof res);
            res.exit_code = -1;
            fail(&res, "malformed request");
            print_result(&res);
            request_free(&r);
            return 3; /* the stream is out of step: better restart */
        }
        run_box(&r, &res);
        print_result(&res);
        request_free(&r);
    }
    reap_exiting_init();
    remove_mountpoints();
    cg_kill_all();
    cg_remove();
    cpuset_remove();
    return 0;
}
