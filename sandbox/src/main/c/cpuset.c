/*
 * The box's cores (see cpuset.h). A judge gives each slot a core of its own so that a submission's CPU time
 * does not depend on what runs beside it. Only a cgroup cpuset is a limit: a program may call
 * sched_setaffinity itself, to any cpu its cpuset allows, so plain affinity keeps an honest program on its
 * core but not a hostile one off the others.
 *
 *   v1: the cpuset hierarchy of cgroup v1 (mounted on its own, e.g. /sys/fs/cgroup/cpuset). The slot's cgroup
 *       is made once at start beside our own cpuset cgroup, named as the other box cgroups
 *       (cpjudge-box-<pid namespace inode>-<pid>, so that a later supervisor removes it when we die unclean),
 *       with cpuset.mems copied from the parent (a v1 cpuset with no mems takes no task) and cpuset.cpus the
 *       slot's. The box init joins it by writing "0" to its tasks file, as it joins the others.
 *   v2: the cpuset controller enabled for the supervisor's box cgroups (cgroup.subtree_control of their parent)
 *       and cpuset.cpus written in each run's fresh box cgroup by the box init, before the program exists.
 *   affinity: neither works (no cpuset controller delegated, not root): the init sets its own affinity, which the
 *       program inherits.
 */
#define _GNU_SOURCE
#include "cpuset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { PIN_NONE, PIN_V1, PIN_V2, PIN_AFFINITY };
static int mode = PIN_NONE;
static cpu_set_t wanted;
static char list[256];                        /* the wanted cpus, normalised ("1", "2-3") */
static char v1_box[PATH_MAX], v2_parent[PATH_MAX];
static char description[300] = "none";

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t len = (ssize_t)strlen(text), n = write(fd, text, (size_t)len);
    int saved = errno;
    close(fd);
    errno = saved;
    return n == len ? 0 : -1;
}

static int read_text(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) return -1;
    buf[n] = 0;
    buf[strcspn(buf, "\n")] = 0;
    return 0;
}

/* "0-2,5" into a mask; -1 when malformed or empty. */
static int parse_list(const char *text, cpu_set_t *set) {
    CPU_ZERO(set);
    const char *p = text;
    while (*p) {
        char *end;
        long lo = strtol(p, &end, 10), hi = lo;
        if (end == p || lo < 0) return -1;
        p = end;
        if (*p == '-') {
            hi = strtol(p + 1, &end, 10);
            if (end == p + 1 || hi < lo) return -1;
            p = end;
        }
        if (hi >= CPU_SETSIZE) return -1;
        for (long c = lo; c <= hi; c++) CPU_SET((int)c, set);
        if (*p == ',') p++;
        else if (*p) return -1;
    }
    return CPU_COUNT(set) > 0 ? 0 : -1;
}

/* The mask as a list with ranges. */
static void format_list(const cpu_set_t *set, char *out, size_t size) {
    size_t len = 0;
    out[0] = 0;
    for (int c = 0; c < CPU_SETSIZE && len < size; c++) {
        if (!CPU_ISSET(c, set)) continue;
        int last = c;
        while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, set)) last++;
        len += (size_t)snprintf(out + len, size - len, last == c ? "%s%d" : "%s%d-%d", len ? "," : "", c, last);
        c = last;
    }
}

static int subset(const cpu_set_t *a, const cpu_set_t *b) {
    cpu_set_t both;
    CPU_AND(&both, a, b);
    return CPU_EQUAL(&both, a);
}

/* The v1 cpuset hierarchy's directory of our own cgroup, into out; -1 when there is none. */
static int v1_own_dir(char *out, size_t size) {
    char mnt[PATH_MAX] = "", root[PATH_MAX] = "", rel[PATH_MAX] = "", line[4096];
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f) return -1;
    while (!mnt[0] && fgets(line, sizeof line, f)) {
        /* id parent major:minor root mountpoint options [optional...] - fstype source superoptions */
        char *fields[5] = {0}, *save, *tok = strtok_r(line, " \n", &save);
        for (int i = 0; i < 5 && tok; i++, tok = strtok_r(NULL, " \n", &save)) fields[i] = tok;
        while (tok && strcmp(tok, "-") != 0) tok = strtok_r(NULL, " \n", &save);
        char *fstype = tok ? strtok_r(NULL, " \n", &save) : NULL;
        if (!fields[4] || !fstype || strcmp(fstype, "cgroup") != 0) continue;
        strtok_r(NULL, " \n", &save); /* source */
        char *opts = strtok_r(NULL, " \n", &save);
        for (char *s2, *o = opts ? strtok_r(opts, ",", &s2) : NULL; o; o = strtok_r(NULL, ",", &s2))
            if (strcmp(o, "cpuset") == 0) {
                snprintf(mnt, sizeof mnt, "%s", fields[4]);
                snprintf(root, sizeof root, "%s", fields[3]);
            }
    }
    fclose(f);
    if (!mnt[0] || !(f = fopen("/proc/self/cgroup", "re"))) return -1;
    while (!rel[0] && fgets(line, sizeof line, f)) {
        /* hierarchy-id:controllers:path */
        line[strcspn(line, "\n")] = 0;
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2) continue;
        *c2 = 0;
        for (char *s2, *o = strtok_r(c1 + 1, ",", &s2); o; o = strtok_r(NULL, ",", &s2))
            if (strcmp(o, "cpuset") == 0) snprintf(rel, sizeof rel, "%s", c2 + 1);
    }
    fclose(f);
    if (!rel[0]) return -1;
    const char *r = rel;
    size_t rl = strlen(root);
    if (strcmp(root, "/") != 0 && strncmp(rel, root, rl) == 0) r = rel + rl;
    snprintf(out, size, "%s%s", mnt, strcmp(r, "/") == 0 ? "" : r);
    struct stat st;
    return stat(out, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static unsigned long long pidns_inode(void) {
    struct stat st;
    return stat("/proc/self/ns/pid", &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

static void remove_dir(const char *dir) {
    for (int i = 0; i < 200; i++) { /* a dying box may hold it for a moment */
        if (rmdir(dir) == 0 || errno == ENOENT) return;
        if (errno != EBUSY) break;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "cpjudge-supervisor: cannot remove the cpuset cgroup %s: %s\n", dir, strerror(errno));
}

/* The slot cgroups of supervisors of our pid namespace that died without removing theirs. */
static void remove_stale(const char *parent) {
    DIR *d = opendir(parent);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        unsigned long long ns;
        int pid;
        if (sscanf(e->d_name, "cpjudge-box-%llu-%d", &ns, &pid) != 2 || ns != pidns_inode() || pid <= 0) continue;
        if (kill(pid, 0) == 0 || errno != ESRCH) continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", parent, e->d_name);
        rmdir(p);
    }
    closedir(d);
}

/* v1: the slot's cpuset cgroup. 0, or -1 with err set (then the caller tries the other ways). */
static int setup_v1(char *err, size_t errsize) {
    char parent[PATH_MAX], p[PATH_MAX + 32], buf[512];
    if (v1_own_dir(parent, sizeof parent) < 0) {
        snprintf(err, errsize, "no cgroup v1 cpuset hierarchy");
        return -1;
    }
    snprintf(p, sizeof p, "%s/cpuset.effective_cpus", parent);
    if (read_text(p, buf, sizeof buf) < 0) {
        snprintf(p, sizeof p, "%s/cpuset.cpus", parent);
        if (read_text(p, buf, sizeof buf) < 0) buf[0] = 0;
    }
    cpu_set_t allowed;
    if (buf[0] && parse_list(buf, &allowed) == 0 && !subset(&wanted, &allowed)) {
        snprintf(err, errsize, "cpus %s are not all in %s's cpuset (%s)", list, parent, buf);
        return -2; /* the configuration is wrong, not the host */
    }
    remove_stale(parent);
    snprintf(v1_box, sizeof v1_box, "%s/cpjudge-box-%llu-%d", parent, pidns_inode(), (int)getpid());
    if (mkdir(v1_box, 0700) < 0 && errno != EEXIST) {
        snprintf(err, errsize, "mkdir %s: %s", v1_box, strerror(errno));
        v1_box[0] = 0;
        return -1;
    }
    snprintf(p, sizeof p, "%s/cpuset.effective_mems", parent);
    if (read_text(p, buf, sizeof buf) < 0 || !buf[0]) {
        snprintf(p, sizeof p, "%s/cpuset.mems", parent);
        if (read_text(p, buf, sizeof buf) < 0) buf[0] = 0;
    }
    const char *fail = NULL;
    snprintf(p, sizeof p, "%s/cpuset.mems", v1_box);
    if (write_text(p, buf[0] ? buf : "0") < 0) fail = "cpuset.mems";
    snprintf(p, sizeof p, "%s/cpuset.cpus", v1_box);
    if (!fail && write_text(p, list) < 0) fail = "cpuset.cpus";
    if (fail) {
        snprintf(err, errsize, "write %s/%s: %s", v1_box, fail, strerror(errno));
        cpuset_remove();
        return -1;
    }
    return 0;
}

/* v2: the cpuset controller for the box cgroups under `parent`. */
static int setup_v2(const char *parent, char *err, size_t errsize) {
    char p[PATH_MAX + 32], buf[512];
    snprintf(p, sizeof p, "%s/cgroup.controllers", parent);
    if (read_text(p, buf, sizeof buf) < 0 || !strstr(buf, "cpuset")) {
        snprintf(err, errsize, "no cpuset controller in %s", p);
        return -1;
    }
    snprintf(p, sizeof p, "%s/cpuset.cpus.effective", parent);
    cpu_set_t allowed;
    if (read_text(p, buf, sizeof buf) == 0 && parse_list(buf, &allowed) == 0 && !subset(&wanted, &allowed)) {
        snprintf(err, errsize, "cpus %s are not all in %s (%s)", list, p, buf);
        return -2;
    }
    snprintf(p, sizeof p, "%s/cgroup.subtree_control", parent);
    if (write_text(p, "+cpuset") < 0) {
        snprintf(err, errsize, "enable cpuset in %s: %s", p, strerror(errno));
        return -1;
    }
    snprintf(v2_parent, sizeof v2_parent, "%s", parent);
    return 0;
}

/* Affinity: only checks that the kernel takes the mask (cpus that exist and are online). */
static int setup_affinity(char *err, size_t errsize) {
    cpu_set_t own;
    if (sched_getaffinity(0, sizeof own, &own) < 0 || sched_setaffinity(0, sizeof wanted, &wanted) < 0) {
        snprintf(err, errsize, "sched_setaffinity %s: %s", list, strerror(errno));
        return -1;
    }
    sched_setaffinity(0, sizeof own, &own);
    return 0;
}

int cpuset_init(const char *cpus, const char *unified_parent, int v2, char *err, size_t errsize) {
    if (!cpus) return 0;
    if (parse_list(cpus, &wanted) < 0) {
        snprintf(err, errsize, "--cpus %s is not a cpu list (such as 1 or 0-3,6)", cpus);
        return -1;
    }
    format_list(&wanted, list, sizeof list);
    char why_v1[PATH_MAX + 100] = "", why_v2[PATH_MAX + 100] = "";
    int r = setup_v1(why_v1, sizeof why_v1);
    if (r == 0) {
        mode = PIN_V1;
    } else if (r == -2) {
        snprintf(err, errsize, "%s", why_v1);
        return -1;
    } else if (v2 && unified_parent && unified_parent[0] && (r = setup_v2(unified_parent, why_v2, sizeof why_v2)) == 0) {
        mode = PIN_V2;
    } else if (r == -2) {
        snprintf(err, errsize, "%s", why_v2);
        return -1;
    } else if (setup_affinity(err, errsize) == 0) {
        mode = PIN_AFFINITY;
        fprintf(stderr, "cpjudge-supervisor: no cgroup cpuset (%s%s%s): cpus %s by affinity only (held by the "
                        "seccomp filter; the cores are not reserved)\n", why_v1, why_v2[0] ? "; " : "", why_v2, list);
    } else {
        return -1;
    }
    snprintf(description, sizeof description, "%s:%s",
             mode == PIN_V1 ? "v1" : mode == PIN_V2 ? "v2" : "affinity", list);
    return 0;
}

int cpuset_join_self(const char *box_unified, char *failed, size_t size) {
    switch (mode) {
    case PIN_V1:
        snprintf(failed, size, "%s/tasks", v1_box);
        return write_text(failed, "0");
    case PIN_V2:
        if (!box_unified || !box_unified[0]) {
            snprintf(failed, size, "the run's cgroup2 box cgroup for cpuset.cpus");
            return -1;
        }
        snprintf(failed, size, "%s/cpuset.cpus", box_unified);
        return write_text(failed, list);
    case PIN_AFFINITY:
        snprintf(failed, size, "sched_setaffinity %s", list);
        return sched_setaffinity(0, sizeof wanted, &wanted);
    default:
        return 0;
    }
}

const char *cpuset_describe(void) {
    return description;
}

void cpuset_remove(void) {
    if (v1_box[0]) remove_dir(v1_box);
    v1_box[0] = 0;
}
