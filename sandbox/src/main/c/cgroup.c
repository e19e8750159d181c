/* The box's cgroups: see cgroup.h. */
#define _GNU_SOURCE
#include "cgroup.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Environment detection: which cgroup hierarchies exist and where our own cgroup is in each.       */

int cg_mode = CG_NONE;
char cg_memory[PATH_MAX], cg_pids[PATH_MAX], cg_cpuacct[PATH_MAX], cg_unified[PATH_MAX];
char box_memory[PATH_MAX], box_pids[PATH_MAX], box_cpuacct[PATH_MAX], box_unified[PATH_MAX];
int box_unified_fd = -1;
int has_memsw;

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
static int unified_killed; /* cgroup.kill was written to the reused box_unified: replace it (cg_setup) */
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

void cg_remove(void) {
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
int cg_create_slot(void) {
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

/* v1: the box's memory cgroup holds more than an empty one would (see cg_setup). */
int cg_memory_stale(void) {
    char p[PATH_MAX];
    if (cg_mode != CG_V1) return 0;
    path_join(p, sizeof p, box_memory, "memory.usage_in_bytes");
    return read_number(p) > CG_STALE_BYTES;
}

/* Gets the box cgroups ready for a run with these limits. Returns 0 or -1 with a message in err. */
int cg_setup(long long mem_bytes, int procs, char *err, size_t errsize) {
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
        if (cg_memory_stale()) {
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
void cg_finish(void) {
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
pid_t clone_box(int flags, int *in_cgroup) {
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
int cg_enter(pid_t pid, char *err, size_t errsize) {
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
int cg_join_self_v1(char *failed, size_t size) {
    if (cg_mode != CG_V1) return 0;
    const char *boxes[] = {box_memory, box_pids, box_cpuacct};
    for (int i = 0; i < 3; i++) {
        path_join(failed, size, boxes[i], "tasks");
        if (write_file(failed, "0") < 0) return -1;
    }
    return 0;
}

/* CPU time used in the box so far, microseconds; -1 when there is no cgroup to ask. */
long long cg_cpu_us(void) {
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

void cg_sample_memory(void) {
    if (v2_sampled_peak < 0) return;
    char p[PATH_MAX];
    path_join(p, sizeof p, box_memory, "memory.current");
    long long cur = read_number(p);
    if (cur > v2_sampled_peak) v2_sampled_peak = cur;
}

/* Peak memory of the box, bytes; -1 when unknown. On v2 the peak is that of the whole run: memory.peak can be
 * reset only from 6.12 on, so the box init's setup (a few hundred KB) counts too. */
long long cg_peak_bytes(long long mem_limit) {
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
long long cg_oom_kills(void) {
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

/* Kills every process in the box cgroup (cgroup.kill where available, else repeated SIGKILL of the
 * listed tasks; the pid namespace teardown covers the rest). */

void cg_kill_all(void) {
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

void cg_disable(void) {
    cg_mode = CG_NONE;
    cg_memory[0] = cg_pids[0] = cg_cpuacct[0] = cg_unified[0] = 0;
}

void cg_reset_peak(void) {
    if (cg_mode != CG_V1) return;
    char p[PATH_MAX];
    path_join(p, sizeof p, box_memory, "memory.max_usage_in_bytes");
    write_file(p, "0"); /* forget the init's setup: the peak starts from the current usage */
}

/* At start: which cgroup hierarchies exist and where our own cgroup is in each. */
void cg_detect(void) {
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
    cg_remove_stale(cg_memory);
    cg_remove_stale(cg_pids);
    cg_remove_stale(cg_cpuacct);
    cg_remove_stale(cg_unified);
}
