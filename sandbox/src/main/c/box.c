/* Building the box: see box.h. */
#define _GNU_SOURCE
#include "box.h"
#include "cgroup.h"
#include "cpuset.h"
#include "disk.h"
#include "seccomp.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/openat2.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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

void build_template(void) {
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
    /* /.box/disk: the run's writable space again, where only root can go, for a kept box's init (box_reset) */
    snprintf(p, sizeof p, "%s/.box", root);
    if (mkdir(p, 0700) < 0) die_setup(p);
    snprintf(p, sizeof p, "%s/.box/disk", root);
    if (mkdir(p, 0700) < 0) die_setup(p);

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
void make_mountpoints(const struct request *r) {
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

void remove_mountpoints(void) {
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

/* Binds `src` read-only (unless rw), nosuid and nodev, at `path` under `root`, a directory made if missing. */
static void bind_into_at(const char *src, const char *root, const char *path, int rw) {
    char dst[PATH_MAX];
    snprintf(dst, sizeof dst, "%s%s", root, path);
    if (mkdirs(dst) < 0) die_setup(dst);
    if (mount(src, dst, NULL, MS_BIND, NULL) < 0) die_setup(src);
    if (mount(NULL, dst, NULL, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV | (rw ? 0 : MS_RDONLY), NULL) < 0)
        die_setup(dst);
}

/* The work directory: an overlay whose lower layer is the host directory (read in place, never written) and
 * whose upper layer is on the run's tmpfs (disk.c), so that everything the run writes there is bounded by
 * it. The layers are named relative to the writable space (`layers`, made the working directory), which keeps
 * host paths (commas, colons) out of the options. Off: metacopy (an upper file without its data could not be
 * copied back), redirect_dir and index (a renamed directory is copied instead, as without them). */
static int mount_overlay(const char *layers, const char *dst) {
    if (mkdirs(dst) < 0 || chdir(layers) < 0) return -1;
    static const char *const opts[] = {
        "lowerdir=lower,upperdir=upper,workdir=work,redirect_dir=off,index=off,metacopy=off",
        "lowerdir=lower,upperdir=upper,workdir=work", /* kernels before 4.19 know none of those */
    };
    for (int i = 0; mount("overlay", dst, "overlay", MS_NOSUID | MS_NODEV, opts[i]) < 0; i++)
        if (i == 1 || errno != EINVAL) return -1;
    return chdir("/");
}

/* The host work directory bound read-only at lower/ of the writable space, the writable space (with it) bound
 * at /.box/disk of the box's root, and the overlay at the work directory's host path. */
static void mount_work_dir(const char *root, const char *cwd) {
    char dst[PATH_MAX], lower[PATH_MAX];
    path_join(lower, sizeof lower, disk_dir, "lower");
    if (mount(cwd, lower, NULL, MS_BIND, NULL) < 0) die_setup(cwd);
    if (mount(NULL, lower, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
        die_setup(lower);
    snprintf(dst, sizeof dst, "%s/.box/disk", root);
    if (mount(disk_dir, dst, NULL, MS_BIND | MS_REC, NULL) < 0) die_setup("bind the writable space at /.box/disk");
    snprintf(dst, sizeof dst, "%s%s", root, cwd);
    if (mount_overlay(disk_dir, dst) < 0) die_setup("mount the work directory's overlay");
}

/* In the init, per run: completes its copy of the template and pivots into it. */
static void build_root(const struct request *r) {
    char root[PATH_MAX], p[PATH_MAX], opts[128];
    snprintf(root, sizeof root, "%s/root", state_dir);
    /* nothing we mount may propagate to the supervisor's or anyone's namespace */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die_setup("make / private");

    /* /tmp: on the run's writable space (disk.c); /dev/shm: private, sized to the memory limit. The pages of
     * both are charged to the box's memory cgroup */
    path_join(p, sizeof p, disk_dir, "tmp");
    bind_into_at(p, root, "/tmp", 1);
    long long shm_size = r->mem_bytes < (1LL << 30) ? r->mem_bytes : (1LL << 30);
    snprintf(opts, sizeof opts, "size=%lld,nr_inodes=4096,mode=1777", shm_size);
    snprintf(p, sizeof p, "%s/dev/shm", root);
    if (mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) die_setup("mount /dev/shm");

    /* /proc of the box's own pid namespace; hidepid=2 hides the root-owned init's details */
    snprintf(p, sizeof p, "%s/proc", root);
    if (mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") < 0) die_setup("mount /proc");

    for (int i = 0; i < r->bindc; i++) bind_into(root, r->binds[i], 0, 1);
    /* the work directory at its host path (mounted last: it may lie under /tmp or a bind) */
    mount_work_dir(root, r->cwd);
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

/* The program's process is cloned sharing the init's memory until it execs (CLONE_VM | CLONE_VFORK, as
 * posix_spawn does; the init waits meanwhile), on a stack of its own. A fork would copy the init's page tables
 * only for the exec to throw them away: copying and unmapping them were ~2 % of all CPU samples while judging
 * tiny tests (perf: dup_mmap, unmap_page_range under execve). Everything the child changes before the exec is
 * its own: credentials, rlimits, seccomp, session, its copy of the descriptor table and of the signal
 * handlers (no CLONE_THREAD, CLONE_FILES, CLONE_SIGHAND or CLONE_FS); it writes to no memory of the init's
 * but its stack and errno. */
static char program_stack[256 * 1024] __attribute__((aligned(16)));
struct program_start {
    const struct request *r;
    int *ep; /* the exec-error pipe: the child writes errno to ep[1] when the exec fails */
};

static int program_main(void *arg) {
    const struct program_start *p = arg;
    close(p->ep[0]);
    close(status_fd);
    /* nothing else may cross into the program: close every descriptor above 2 except ep[1] */
    if (p->ep[1] > 3) close_from(3, (unsigned)p->ep[1] - 1);
    close_from((unsigned)p->ep[1] + 1, ~0U);
    start_program(p->r, p->ep[1]);
    return 127; /* start_program never returns */
}

/* The init's first steps, in the clone: bound to the supervisor's life, in the box cgroups, its root built. */
static void box_setup(const struct request *r, int status_pipe) {
    status_fd = status_pipe;
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
}

/* The init's run of one program: the streams in place, the program cloned, every process of the box reaped,
 * the program's end reported. */
static void run_program(const struct request *r, int stdio[3]) {
    if (trace_on && trace_fd == 2) trace_fd = fcntl(2, F_DUPFD_CLOEXEC, 3); /* the supervisor's stderr */
    for (int i = 0; i < 3; i++)
        if (stdio[i] < 3) die_setup("standard stream descriptor");
    for (int i = 0; i < 3; i++)
        if (dup2(stdio[i], i) < 0) die_setup("dup2");
    for (int i = 0; i < 3; i++) close(stdio[i]);
    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) die_setup("pipe");
    send_msg(MSG_READY, 0, NULL);
    struct program_start start = {r, ep};
    pid_t child = clone(program_main, program_stack + sizeof program_stack, CLONE_VM | CLONE_VFORK | SIGCHLD,
                        &start);
    if (child < 0) die_setup("clone the program");
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
}

/* A kept box made as if new for the next run (see box.h): the overlay unmounted, what the last run wrote in
 * its writable space and /dev/shm removed, the overlay's layers new and mounted again, a new IPC namespace
 * (SysV objects outlive their processes), and the next pid 2 again as in a new box (pids counted up would let
 * a run pass a number to the next). -1 when any of it fails: then the box is not used again. */
static int box_reset(const char *cwd) {
    char err[300];
    if (umount2(cwd, 0) < 0) return -1;
    trace_phase("unmount");
    if (disk_clear("/.box/disk", err, sizeof err) < 0 || disk_clear_shm("/dev/shm") < 0) return -1;
    trace_phase("clear");
    if (unshare(CLONE_NEWIPC) < 0) return -1;
    trace_phase("ipc");
    if (write_file("/proc/sys/kernel/ns_last_pid", "1") < 0) return -1;
    trace_phase("pids");
    return mount_overlay("/.box/disk", cwd);
}

/* What box_go sends ahead of the request's text, with the three stream descriptors attached. */
struct go_header {
    size_t len;
};

/* The next request and its streams from the supervisor (box_go); -1 when it closed the socket instead. */
static int receive_request(int go_sock, struct request *r, int stdio[3]) {
    struct go_header h;
    char control[CMSG_SPACE(sizeof(int) * 3)];
    struct iovec iov = {&h, sizeof h};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n;
    while ((n = recvmsg(go_sock, &mh, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {}
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    if (n != sizeof h || !c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int) * 3)) return -1;
    memcpy(stdio, CMSG_DATA(c), sizeof(int) * 3);
    memset(r, 0, sizeof *r);
    r->cap = h.len;
    r->buf = malloc(h.len ? h.len : 1);
    if (!r->buf) return -1;
    while (r->len < h.len) {
        n = read(go_sock, r->buf + r->len, h.len - r->len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        r->len += (size_t)n;
    }
    return request_parse(r) == 1 ? 0 : -1;
}

/* The box's init (pid 1 of the box's pid namespace, root, no seccomp). */
void box_init(const struct request *r, int go_fd, int status_pipe, int stdio[3]) {
    box_setup(r, status_pipe);
    char b;
    if (read(go_fd, &b, 1) != 1) _exit(121); /* we are in box_unified too (or the supervisor died) */
    trace_phase("wait_supervisor");
    /* the cgroup namespace is rooted at the box cgroup, so it must be made after joining it */
    if (use_ns && cg_mode != CG_NONE && unshare(CLONE_NEWCGROUP) < 0) die_setup("unshare cgroup namespace");
    run_program(r, stdio);
    /* kept for the next run of the same shape while the supervisor says so (run.c, `kept`): a byte, then
     * the request; a closed socket ends the box */
    for (;;) {
        if (read(go_fd, &b, 1) != 1) _exit(0);
        trace_phase(NULL);
        if (box_reset(r->cwd) < 0) _exit(0); /* the supervisor finds no MSG_RESET and makes a new box */
        trace_phase("overlay");
        send_msg(MSG_RESET, 0, NULL);
        struct request next;
        int fds[3];
        /* 0-2 were closed after the last run: held by /dev/null, the streams received come above them */
        for (int i = 0; i < 3; i++)
            if (fcntl(i, F_GETFD) < 0 && open("/dev/null", O_RDWR) != i) _exit(0);
        if (receive_request(go_fd, &next, fds) < 0) _exit(0);
        trace_phase("wait_supervisor");
        run_program(&next, fds);
        request_free(&next);
    }
}

int box_go(int go_sock, const struct request *r, int stdio[3]) {
    struct go_header h = {r->len};
    char control[CMSG_SPACE(sizeof(int) * 3)];
    memset(control, 0, sizeof control);
    struct iovec iov = {&h, sizeof h};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * 3);
    memcpy(CMSG_DATA(c), stdio, sizeof(int) * 3);
    ssize_t n;
    while ((n = sendmsg(go_sock, &mh, MSG_NOSIGNAL)) < 0 && errno == EINTR) {}
    if (n != sizeof h) return -1;
    for (size_t done = 0; done < r->len; ) {
        n = send(go_sock, r->buf + done, r->len - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

int namespaces_work(void) {
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | SIGCHLD,
                               NULL, NULL, NULL, NULL);
    if (pid < 0) return 0;
    if (pid == 0) _exit(getpid() == 1 ? 0 : 1);
    int st;
    if (waitpid(pid, &st, 0) < 0) return 0;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}
